/**
 * Meeting-level realtime messages over Socket.io. Board content never travels here (it is
 * Yjs over the y-websocket endpoint); this channel carries who is here and what the meeting
 * looks like: presence and the board list now, agenda, timer, locks and votes later.
 *
 * Design: all meeting-level state is one `MeetingState` made of named slices. On every
 * (re)connect the server sends the whole state (`state:snapshot`); afterwards it sends one
 * slice whenever that slice changes (`state:slice`). A reconnecting client therefore never
 * needs to replay missed events, and a new slice only has to be added to `MeetingState`.
 */
import { z } from 'zod';
import { ROLES } from '../domain';
import {
  AgendaGoto,
  AgendaSet,
  AgendaSlice,
  BoardPrivate,
  BoardReveal,
  DraftCounts,
  FocusSet,
  FollowSet,
  FollowSlice,
  HandClear,
  HandsSlice,
  NoPayload,
  TimerAdd,
  TimerSlice,
  TimerStart,
  type RevealResult,
} from './facilitation';
import { BoardInfo, Id } from './http';
import { BoardPromote } from './promotion';
import {
  DecisionConfirm,
  DecisionInfo,
  ScoreCast,
  ScoreClose,
  ScoreInfo,
  ScoreMine,
  ScoreOpen,
  VoteCast,
  VoteClose,
  VoteInfo,
  VoteMine,
  VoteOpen,
  type Dots,
  type Scores,
} from './voting';

/** One participant currently connected to the meeting. */
export const PresenceEntry = z.object({
  participantId: z.string(),
  name: z.string(),
  department: z.string().nullable(),
  role: z.enum(ROLES),
  /** The board the person has open, if any. */
  boardId: Id.nullable(),
  /** The card the person is typing in, if any. */
  editingCardId: Id.nullable(),
});
export type PresenceEntry = z.infer<typeof PresenceEntry>;

/**
 * A board as the meeting channel shows it: the HTTP `BoardInfo`, whether private writing is
 * on, and (sent to facilitators only) how many draft cards each department has written.
 */
export const BoardState = BoardInfo.extend({
  private: z.boolean(),
  draftCounts: DraftCounts.optional(),
});
export type BoardState = z.infer<typeof BoardState>;

/** All meeting-level state a client mirrors. */
export const MeetingState = z.object({
  boards: z.array(BoardState),
  presence: z.array(PresenceEntry),
  agenda: AgendaSlice,
  timer: TimerSlice,
  follow: FollowSlice,
  hands: HandsSlice,
  /** Dot-vote rounds of every list (shared/schemas/voting.ts). */
  votes: z.array(VoteInfo),
  /** Scoring rounds of every list. */
  scores: z.array(ScoreInfo),
  /** Confirmed rankings. */
  decisions: z.array(DecisionInfo),
});
export type MeetingState = z.infer<typeof MeetingState>;
export type SliceName = keyof MeetingState;

/**
 * `state:snapshot`: the whole state, plus the server's clock when it was sent (ms since the
 * epoch), so a screen can correct its own clock's offset and show the server's deadlines.
 */
export const MeetingSnapshot = MeetingState.extend({ serverTime: z.number() });
export type MeetingSnapshot = z.infer<typeof MeetingSnapshot>;

/** A change to one slice of the meeting state: the slice's whole new value. */
export const SliceUpdate = z.discriminatedUnion('slice', [
  z.object({ slice: z.literal('boards'), value: MeetingState.shape.boards }),
  z.object({ slice: z.literal('presence'), value: MeetingState.shape.presence }),
  z.object({ slice: z.literal('agenda'), value: MeetingState.shape.agenda }),
  z.object({ slice: z.literal('timer'), value: MeetingState.shape.timer }),
  z.object({ slice: z.literal('follow'), value: MeetingState.shape.follow }),
  z.object({ slice: z.literal('hands'), value: MeetingState.shape.hands }),
  z.object({ slice: z.literal('votes'), value: MeetingState.shape.votes }),
  z.object({ slice: z.literal('scores'), value: MeetingState.shape.scores }),
  z.object({ slice: z.literal('decisions'), value: MeetingState.shape.decisions }),
]);
export type SliceUpdate = z.infer<typeof SliceUpdate>;

/**
 * `state:slice` on the wire: a `SliceUpdate` plus the server's clock when it was sent. Every
 * message is one more sample of this device's offset from the server's clock: a snapshot
 * that arrived while the page was busy loading gives a poor one, a later slice a better one.
 */
export const SliceMessage = z.intersection(
  SliceUpdate,
  z.object({ serverTime: z.number().optional() }),
);
export type SliceMessage = z.infer<typeof SliceMessage>;

/** An error the server reports on this channel: a stable code and a message. */
export const SocketError = z.object({
  code: z.string(),
  message: z.string(),
});
export type SocketError = z.infer<typeof SocketError>;

/** client → server: where I am and which card I am editing. */
export const PresenceSet = z.object({
  boardId: Id.nullable(),
  editingCardId: Id.nullable(),
});
export type PresenceSet = z.infer<typeof PresenceSet>;

/** client → server (facilitator): lock or unlock a board. Locked boards are read-only for participants. */
export const BoardLock = z.object({
  boardId: Id,
  locked: z.boolean(),
});
export type BoardLock = z.infer<typeof BoardLock>;

/** Schemas of every event a client may send, by event name. The server validates with these. */
export const ClientEventSchemas = {
  'presence:set': PresenceSet,
  'board:lock': BoardLock,
  'agenda:set': AgendaSet,
  'agenda:goto': AgendaGoto,
  'timer:start': TimerStart,
  'timer:pause': NoPayload,
  'timer:resume': NoPayload,
  'timer:reset': NoPayload,
  'timer:add': TimerAdd,
  'follow:set': FollowSet,
  'focus:set': FocusSet,
  'board:private': BoardPrivate,
  'board:reveal': BoardReveal,
  'hand:raise': NoPayload,
  'hand:lower': NoPayload,
  'hand:clear': HandClear,
  'board:promote': BoardPromote,
  'vote:open': VoteOpen,
  'vote:cast': VoteCast,
  'vote:mine': VoteMine,
  'vote:close': VoteClose,
  'score:open': ScoreOpen,
  'score:cast': ScoreCast,
  'score:mine': ScoreMine,
  'score:close': ScoreClose,
  'decision:confirm': DecisionConfirm,
} as const;

/** Events only a facilitator may send; others get a `forbidden` error naming the event. */
export const FACILITATOR_EVENTS: ReadonlySet<ClientEventName> = new Set<ClientEventName>([
  'board:lock',
  'agenda:set',
  'agenda:goto',
  'timer:start',
  'timer:pause',
  'timer:resume',
  'timer:reset',
  'timer:add',
  'follow:set',
  'focus:set',
  'board:private',
  'board:reveal',
  'hand:clear',
  'vote:open',
  'vote:close',
  'score:open',
  'score:close',
  'decision:confirm',
]);
export type ClientEventName = keyof typeof ClientEventSchemas;

/**
 * Answer to a client event that asked for an acknowledgement. A success may carry the
 * event's result beside `ok` (`vote:open` answers `{ ok: true, voteId }`).
 */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: SocketError };

/** Socket.io event map: client → server. */
export interface ClientToServerEvents {
  'presence:set': (payload: PresenceSet, ack?: (result: Ack) => void) => void;
  'board:lock': (payload: BoardLock, ack?: (result: Ack) => void) => void;
  'agenda:set': (payload: AgendaSet, ack?: (result: Ack) => void) => void;
  'agenda:goto': (payload: AgendaGoto, ack?: (result: Ack) => void) => void;
  'timer:start': (payload: TimerStart, ack?: (result: Ack) => void) => void;
  'timer:pause': (payload: NoPayload, ack?: (result: Ack) => void) => void;
  'timer:resume': (payload: NoPayload, ack?: (result: Ack) => void) => void;
  'timer:reset': (payload: NoPayload, ack?: (result: Ack) => void) => void;
  'timer:add': (payload: TimerAdd, ack?: (result: Ack) => void) => void;
  'follow:set': (payload: FollowSet, ack?: (result: Ack) => void) => void;
  'focus:set': (payload: FocusSet, ack?: (result: Ack) => void) => void;
  'board:private': (payload: BoardPrivate, ack?: (result: Ack) => void) => void;
  'board:reveal': (payload: BoardReveal, ack?: (result: Ack<RevealResult>) => void) => void;
  'hand:raise': (payload: NoPayload, ack?: (result: Ack) => void) => void;
  'hand:lower': (payload: NoPayload, ack?: (result: Ack) => void) => void;
  'hand:clear': (payload: HandClear, ack?: (result: Ack) => void) => void;
  'board:promote': (payload: BoardPromote, ack?: (result: Ack<{ itemId: string }>) => void) => void;
  'vote:open': (payload: VoteOpen, ack?: (result: Ack<{ voteId: string }>) => void) => void;
  'vote:cast': (payload: VoteCast, ack?: (result: Ack) => void) => void;
  'vote:mine': (payload: VoteMine, ack?: (result: Ack<{ dots: Dots }>) => void) => void;
  'vote:close': (payload: VoteClose, ack?: (result: Ack) => void) => void;
  'score:open': (payload: ScoreOpen, ack?: (result: Ack<{ voteId: string }>) => void) => void;
  'score:cast': (payload: ScoreCast, ack?: (result: Ack) => void) => void;
  'score:mine': (payload: ScoreMine, ack?: (result: Ack<{ scores: Scores }>) => void) => void;
  'score:close': (payload: ScoreClose, ack?: (result: Ack) => void) => void;
  'decision:confirm': (
    payload: DecisionConfirm,
    ack?: (result: Ack<{ decisionId: string }>) => void,
  ) => void;
}

/** Socket.io event map: server → client. */
export interface ServerToClientEvents {
  'state:snapshot': (state: MeetingSnapshot) => void;
  'state:slice': (update: SliceMessage) => void;
  'meeting:error': (error: SocketError) => void;
  /**
   * What the receiver's meeting view shows changed (their own role or profile, or the join
   * code that facilitators and the projector show): fetch the meeting again.
   */
  'me:changed': () => void;
}
