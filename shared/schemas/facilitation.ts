/**
 * The facilitator's controls of the meeting channel (issue 9): agenda, timer, follow-me and
 * spotlight, private writing and raised hands. Event payloads and slice values, each a zod
 * schema with a type of the same name; socket.ts only registers them.
 */
import { z } from 'zod';
import { Limits } from '../constants';
import { Id } from './http';

/** Bounds of the agenda and the timer. */
export const FacilitationLimits = {
  /** Most steps in an agenda. */
  stepsMax: 40,
  /** Longest planned duration of one step, in minutes (a whole day). */
  stepMinutesMax: 600,
  /** Longest countdown, in seconds (a whole day). */
  timerSecondsMax: 24 * 60 * 60,
} as const;

/** One step as the facilitator writes it; an `id` keeps an existing step (and its times). */
export const AgendaStepInput = z.object({
  id: Id.optional(),
  /** What the room does in this step, e.g. "Phân tích SWOT theo ngành". */
  title: z.string().trim().min(1).max(Limits.titleMax),
  /** Planned duration, in whole minutes. */
  minutes: z.number().int().min(1).max(FacilitationLimits.stepMinutesMax),
  /** The board this step works on, if any. */
  boardId: Id.nullish(),
});
export type AgendaStepInput = z.infer<typeof AgendaStepInput>;

/** `agenda:set` (facilitator): replaces the agenda with these steps, in this order. */
export const AgendaSet = z.object({
  steps: z
    .array(AgendaStepInput)
    .max(FacilitationLimits.stepsMax)
    .refine((steps) => {
      const ids = steps.flatMap((s) => (s.id ? [s.id] : []));
      return new Set(ids).size === ids.length;
    }, 'step ids must be unique'),
});
export type AgendaSet = z.infer<typeof AgendaSet>;

/** `agenda:goto` (facilitator): makes `stepId` the current step (next, back or a jump). */
export const AgendaGoto = z.object({ stepId: Id });
export type AgendaGoto = z.infer<typeof AgendaGoto>;

/** `timer:start` (facilitator): a countdown of `seconds` from now. */
export const TimerStart = z.object({
  seconds: z.number().int().min(1).max(FacilitationLimits.timerSecondsMax),
});
export type TimerStart = z.infer<typeof TimerStart>;

/** `timer:add` (facilitator): adds `seconds` (negative takes time away) to a running or paused timer. */
export const TimerAdd = z.object({
  seconds: z
    .number()
    .int()
    .min(-FacilitationLimits.timerSecondsMax)
    .max(FacilitationLimits.timerSecondsMax)
    .refine((s) => s !== 0, 'seconds must not be 0'),
});
export type TimerAdd = z.infer<typeof TimerAdd>;

/** Events without arguments (`timer:pause`, `hand:raise`, …): `{}`, or nothing at all. */
export const NoPayload = z.object({}).nullish();
export type NoPayload = z.infer<typeof NoPayload>;

/** `follow:set` (facilitator): turns follow-me on or off. */
export const FollowSet = z.object({ on: z.boolean() });
export type FollowSet = z.infer<typeof FollowSet>;

/** `focus:set` (facilitator): brings everyone to `boardId` and spotlights `cardId` (or none). */
export const FocusSet = z.object({ boardId: Id, cardId: Id.nullable() });
export type FocusSet = z.infer<typeof FocusSet>;

/** `board:private` (facilitator): private writing on or off for a SWOT board. */
export const BoardPrivate = z.object({ boardId: Id, on: z.boolean() });
export type BoardPrivate = z.infer<typeof BoardPrivate>;

/** `board:reveal` (facilitator): puts every draft card of the board onto it at once. */
export const BoardReveal = z.object({ boardId: Id });
export type BoardReveal = z.infer<typeof BoardReveal>;

/** `hand:clear` (facilitator): removes one person from the queue. */
export const HandClear = z.object({ participantId: Id });
export type HandClear = z.infer<typeof HandClear>;

/** One step of the agenda as everyone sees it. */
export const AgendaStep = z.object({
  id: Id,
  title: z.string(),
  minutes: z.number().int(),
  boardId: Id.nullable(),
  /** When the step first became current (ms since epoch); null until then. */
  startedAt: z.number().nullable(),
  /** When the facilitator last moved on from it; null while current or never left. */
  endedAt: z.number().nullable(),
});
export type AgendaStep = z.infer<typeof AgendaStep>;

/** Slice `agenda`. */
export const AgendaSlice = z.object({
  steps: z.array(AgendaStep),
  /** The step the meeting is at; null before the facilitator starts. */
  currentStepId: Id.nullable(),
});
export type AgendaSlice = z.infer<typeof AgendaSlice>;

export const TIMER_STATUSES = ['idle', 'running', 'paused'] as const;
export type TimerStatus = (typeof TIMER_STATUSES)[number];

/**
 * Slice `timer`: a stored deadline, never a countdown kept by a process. Running: `endsAt`
 * (server clock, ms since epoch) and `remainingMs` null; paused: `remainingMs` and `endsAt`
 * null; idle: both null. A running timer past its deadline stays `running`: screens show zero.
 */
export const TimerSlice = z.object({
  status: z.enum(TIMER_STATUSES),
  endsAt: z.number().nullable(),
  remainingMs: z.number().nullable(),
});
export type TimerSlice = z.infer<typeof TimerSlice>;

/** Slice `follow`: whether screens follow the facilitator, and where to. */
export const FollowSlice = z.object({
  on: z.boolean(),
  /** The board everyone is brought to (the current step's, or a `focus:set`). */
  boardId: Id.nullable(),
  /** The spotlighted card, if any. */
  cardId: Id.nullable(),
});
export type FollowSlice = z.infer<typeof FollowSlice>;

/** One raised hand. */
export const HandEntry = z.object({
  participantId: Id,
  name: z.string(),
  department: z.string().nullable(),
  raisedAt: z.number(),
});
export type HandEntry = z.infer<typeof HandEntry>;

/** Slice `hands`: the queue, oldest request first. */
export const HandsSlice = z.array(HandEntry);
export type HandsSlice = z.infer<typeof HandsSlice>;

/** Draft card counts of one board by department (facilitators only). */
export const DraftCounts = z.record(z.string(), z.number().int());
export type DraftCounts = z.infer<typeof DraftCounts>;

/** Answer of `board:reveal`: how many cards were put on the board. */
export const RevealResult = z.object({ revealed: z.number().int() });
export type RevealResult = z.infer<typeof RevealResult>;
