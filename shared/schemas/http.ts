/**
 * Bodies and answers of the public HTTP API (docs/api.md). The server validates every body
 * with these schemas; the client uses the same types.
 */
import { z } from 'zod';
import { BOARD_KINDS, ROLES } from '../domain';
import { Limits } from '../constants';
import { ID_PATTERN } from '../ids';
import { canonicalJoinCode, isCanonicalJoinCode } from '../join-code';

/** A non-empty string after trimming, at most `max` characters. */
const text = (max: number) => z.string().trim().min(1).max(max);

/** An opaque id (meeting, board, participant). */
export const Id = z.string().regex(ID_PATTERN, 'invalid id');

/**
 * A join code as typed: case and spaces are forgiven, look-alike characters are not accepted
 * (they are never issued).
 */
export const JoinCode = z
  .string()
  .transform(canonicalJoinCode)
  .pipe(z.string().refine(isCanonicalJoinCode, 'invalid join code'));

/** POST /api/meetings */
export const CreateMeetingBody = z.object({
  /** Title shown on every screen, e.g. "Hội nghị bàn tròn kế hoạch năm 2026". */
  title: text(Limits.titleMax),
  /** Day of the conference, ISO `YYYY-MM-DD`. */
  date: z.iso.date().optional(),
  /** District name, e.g. "Huyện Kỳ Sơn". */
  district: z.string().trim().max(Limits.titleMax).optional(),
  /** Year the plan is for. */
  planYear: z.number().int().min(2000).max(2100).optional(),
  /** Departments taking part; the standard district departments when omitted. */
  departments: z
    .array(text(Limits.departmentMax))
    .max(Limits.departmentsMax)
    .refine((list) => new Set(list).size === list.length, 'departments must be unique')
    .optional(),
});
export type CreateMeetingBody = z.infer<typeof CreateMeetingBody>;

/** 201 answer of POST /api/meetings. */
export const CreateMeetingResult = z.object({
  id: Id,
  joinCode: z.string(),
  /** Secret of the facilitator link. */
  facilitatorToken: z.string(),
  /** Read-only link for the projector and reviewers. */
  observerToken: z.string(),
});
export type CreateMeetingResult = z.infer<typeof CreateMeetingResult>;

/** POST /api/join */
export const JoinBody = z.object({
  joinCode: JoinCode,
  /** Display name shown on cards and in the presence bar. */
  name: text(Limits.nameMax),
  /** One of the meeting's departments. */
  department: text(Limits.departmentMax),
});
export type JoinBody = z.infer<typeof JoinBody>;

/** GET /api/join/:code: what a person about to join needs to see (title, departments). */
export const JoinPreview = z.object({
  meetingId: Id,
  title: z.string(),
  district: z.string(),
  departments: z.array(z.string()),
});
export type JoinPreview = z.infer<typeof JoinPreview>;

/** A board as listed in a meeting. */
export const BoardInfo = z.object({
  id: Id,
  kind: z.enum(BOARD_KINDS),
  title: z.string(),
  /** The department the board belongs to; null for the district-wide board. */
  department: z.string().nullable(),
  locked: z.boolean(),
  /** Position in the meeting's board list. */
  position: z.number().int(),
});
export type BoardInfo = z.infer<typeof BoardInfo>;

/** POST /api/meetings/:id/boards (facilitator) */
export const CreateBoardBody = z.object({
  /** The document layout: 'swot', 'priority' (a priority list) or 'proposals' (commune proposals). */
  kind: z.enum(BOARD_KINDS),
  title: text(Limits.titleMax),
  department: text(Limits.departmentMax).optional(),
});
export type CreateBoardBody = z.infer<typeof CreateBoardBody>;

/** PATCH /api/meetings/:id/boards/:boardId (facilitator) */
export const UpdateBoardBody = z
  .object({
    title: text(Limits.titleMax).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateBoardBody = z.infer<typeof UpdateBoardBody>;

/** PATCH /api/meetings/:id/me: a facilitator or participant sets their display name or department. */
export const UpdateMeBody = z
  .object({
    name: text(Limits.nameMax).optional(),
    department: text(Limits.departmentMax).optional(),
  })
  .refine((b) => Object.keys(b).length > 0, 'nothing to change');
export type UpdateMeBody = z.infer<typeof UpdateMeBody>;

/** Who the caller is in a meeting. */
export const Me = z.object({
  participantId: Id.nullable(),
  role: z.enum(ROLES),
  name: z.string(),
  department: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

/**
 * The board limits this server enforces (its configuration, not the compiled-in defaults),
 * so the editor can stop people before the server has to correct them.
 */
export const BoardLimitsInfo = z.object({
  /** Longest card text, in characters (`CARD_TEXT_MAX`). */
  cardTextMax: z.number().int().positive(),
  /** Most live cards on one board (`CARDS_PER_BOARD_MAX`). */
  cardsPerBoardMax: z.number().int().positive(),
});
export type BoardLimitsInfo = z.infer<typeof BoardLimitsInfo>;

/** GET /api/meetings/:id */
export const MeetingView = z.object({
  id: Id,
  title: z.string(),
  date: z.string().nullable(),
  district: z.string(),
  planYear: z.number().int().nullable(),
  departments: z.array(z.string()),
  /** Present for facilitators only: the code others join with. */
  joinCode: z.string().nullable(),
  boards: z.array(BoardInfo),
  me: Me,
  createdAt: z.number(),
  /** What the server enforces on every board of the meeting. */
  limits: BoardLimitsInfo,
});
export type MeetingView = z.infer<typeof MeetingView>;

/**
 * The stored state of one board, sent with the join answer so the meeting page can show the
 * board and take typing before the board's WebSocket has synced (the sync that follows then
 * carries only what changed since).
 */
export const JoinBoardState = z.object({
  /** The board this is the state of; the client applies it only when it opens this board. */
  boardId: Id,
  /** The whole document as one Yjs update (v1 encoding), in base64. */
  update: z
    .string()
    .max(Math.ceil((Limits.joinBoardStateMaxBytes * 4) / 3) + 4)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64'),
});
export type JoinBoardState = z.infer<typeof JoinBoardState>;

/**
 * POST /api/join. `meeting` is what GET /api/meetings/:id would answer for the new token:
 * the join page hands it to the meeting page, which can then open its sockets at once
 * instead of waiting one more round trip (2 s on a weak link) for the same view.
 */
export const JoinResult = z.object({
  meetingId: Id,
  participantId: Id,
  token: z.string(),
  meeting: MeetingView,
  /**
   * The board the new participant lands on (`landingBoard`), as stored: absent when that
   * board's state is larger than `Limits.joinBoardStateMaxBytes` or could not be read.
   */
  board: JoinBoardState.optional(),
});
export type JoinResult = z.infer<typeof JoinResult>;

/** A participant as the facilitator sees them (GET /api/meetings/:id/participants). */
export const ParticipantInfo = z.object({
  participantId: Id,
  name: z.string(),
  department: z.string().nullable(),
  role: z.enum(['facilitator', 'participant']),
  createdAt: z.number(),
});
export type ParticipantInfo = z.infer<typeof ParticipantInfo>;

/** PATCH /api/meetings/:id/participants/:participantId (facilitator): hand over or share the role. */
export const UpdateParticipantBody = z.object({
  role: z.enum(['facilitator', 'participant']),
});
export type UpdateParticipantBody = z.infer<typeof UpdateParticipantBody>;

/** Answer of POST /api/meetings/:id/join-code (facilitator): the new code; the old one stops working. */
export const JoinCodeResult = z.object({ joinCode: z.string() });
export type JoinCodeResult = z.infer<typeof JoinCodeResult>;

/** Every error answer: a stable code, a message, and for validation errors the fields at fault. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.array(z.string())).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
