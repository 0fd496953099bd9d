/**
 * The session record (issue 11), defined once. The record page, the minutes (.docx), the
 * Markdown, the .xlsx and the checks of the archive all render from `SessionRecord`, never
 * from the database. Sections of features built elsewhere (agenda, votes, priority lists,
 * indicators) are part of the schema now and filled by the providers those features register
 * with the record service; until then they are empty.
 */
import { z } from 'zod';
import { BOARD_KINDS, ROLES } from '../domain';
import { SWOT_QUADRANTS } from '../doc/swot-board';
import { Limits } from '../constants';

/**
 * Who made an edit, as the server knows it: the participant whose connection sent it, with
 * the name and department in force at that moment. `participantId` null: the server itself.
 */
export const RecordAuthor = z.object({
  participantId: z.string().nullable(),
  name: z.string(),
  department: z.string().nullable(),
});
export type RecordAuthor = z.infer<typeof RecordAuthor>;

/** One edit of a card: who and when. */
export const RecordEdit = RecordAuthor.extend({ at: z.number() });
export type RecordEdit = z.infer<typeof RecordEdit>;

/** A SWOT card as the record shows it: author derived from the update log, never claimed. */
export const RecordCard = z.object({
  id: z.string(),
  quadrant: z.enum(SWOT_QUADRANTS),
  text: z.string(),
  author: RecordAuthor,
  createdAt: z.number(),
  /** Every later edit (text, move, delete), oldest first. */
  edits: z.array(RecordEdit),
  deleted: z.boolean(),
});
export type RecordCard = z.infer<typeof RecordCard>;

/** A board in its final state. Priority and indicator boards add their own content keys. */
export const RecordBoard = z.object({
  id: z.string(),
  kind: z.enum(BOARD_KINDS),
  title: z.string(),
  department: z.string().nullable(),
  locked: z.boolean(),
  /** Live cards of a SWOT board, by quadrant in board order. */
  cards: z.array(RecordCard),
});
export type RecordBoard = z.infer<typeof RecordBoard>;

/** One agenda step with its actual times (issue 9's `agenda` slice). */
export const RecordAgendaStep = z.object({
  id: z.string(),
  title: z.string(),
  minutes: z.number(),
  boardId: z.string().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
});
export type RecordAgendaStep = z.infer<typeof RecordAgendaStep>;

/** One vote round (issue 10's vote slice) with its results. */
export const RecordVote = z.object({
  id: z.string(),
  boardId: z.string(),
  round: z.number().int(),
  status: z.string(),
  dotsPerVoter: z.number(),
  maxPerItem: z.number(),
  unit: z.string(),
  voters: z.number().int(),
  results: z.object({
    /** item id → total. */
    totals: z.record(z.string(), z.number()),
    /** department → item id → total. */
    byDepartment: z.record(z.string(), z.record(z.string(), z.number())),
  }),
});
export type RecordVote = z.infer<typeof RecordVote>;

/** A priority list (issue 10): its items with scores, and the confirmed decision. */
export const RecordPriorityList = z.object({
  boardId: z.string(),
  title: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      author: RecordAuthor,
      score: z.number().nullable(),
      rank: z.number().int().nullable(),
    }),
  ),
  decision: z
    .object({ text: z.string(), confirmedAt: z.number(), confirmedBy: RecordAuthor })
    .nullable(),
});
export type RecordPriorityList = z.infer<typeof RecordPriorityList>;

/** An indicator table (issue 12) with its forecasts. */
export const RecordIndicatorTable = z.object({
  boardId: z.string(),
  title: z.string(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unit: z.string(),
      plan: z.number().nullable(),
      actual: z.number().nullable(),
      target: z.number().nullable(),
      forecasts: z.array(
        z.object({ method: z.string(), inputs: z.string(), result: z.number().nullable() }),
      ),
    }),
  ),
});
export type RecordIndicatorTable = z.infer<typeof RecordIndicatorTable>;

export const MARK_REASONS = ['lock', 'unlock', 'agenda-step', 'reveal', 'vote', 'manual'] as const;

/** A labelled moment (snapshot) of the record. */
export const RecordMark = z.object({
  id: z.string(),
  boardId: z.string().nullable(),
  at: z.number(),
  reason: z.enum(MARK_REASONS),
  label: z.string(),
  by: RecordAuthor.nullable(),
});
export type RecordMark = z.infer<typeof RecordMark>;

/** A department's attendance: who of it took part. */
export const RecordAttendance = z.object({
  department: z.string(),
  present: z.boolean(),
  people: z.array(z.object({ participantId: z.string(), name: z.string(), role: z.enum(ROLES) })),
});
export type RecordAttendance = z.infer<typeof RecordAttendance>;

export const SessionRecord = z.object({
  version: z.literal(1),
  generatedAt: z.number(),
  meeting: z.object({
    id: z.string(),
    title: z.string(),
    date: z.string().nullable(),
    district: z.string(),
    planYear: z.number().nullable(),
    departments: z.array(z.string()),
    createdAt: z.number(),
    /** First and last edit of any board: the meeting's actual span as recorded. */
    startedAt: z.number().nullable(),
    endedAt: z.number().nullable(),
    supervisingBody: z.string(),
    issuingBody: z.string(),
    place: z.string(),
    documentNumber: z.string(),
    chair: RecordAuthor.nullable(),
    secretary: RecordAuthor.nullable(),
  }),
  attendance: z.array(RecordAttendance),
  agenda: z.object({ steps: z.array(RecordAgendaStep) }),
  boards: z.array(RecordBoard),
  votes: z.array(RecordVote),
  priorities: z.array(RecordPriorityList),
  indicators: z.array(RecordIndicatorTable),
  marks: z.array(RecordMark),
  conclusions: z.string(),
});
export type SessionRecord = z.infer<typeof SessionRecord>;

/** GET …/boards/:boardId/history: one stored edit. */
export const HistoryEntry = z.object({
  seq: z.number().int(),
  at: z.number(),
  participantId: z.string().nullable(),
  name: z.string(),
  department: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

/** A page of a board's history, oldest first. `next`: pass as `after` for the next page. */
export const HistoryPage = z.object({
  entries: z.array(HistoryEntry),
  next: z.number().int().nullable(),
  total: z.number().int(),
});
export type HistoryPage = z.infer<typeof HistoryPage>;

/** Query of GET …/history. */
export const HistoryQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Query of GET …/view. */
export const ViewQuery = z.object({
  at: z.coerce.number().int().min(0).optional(),
});

/** GET …/boards/:boardId/view?at=: the board as it was at `at`. */
export const BoardAtView = z.object({
  boardId: z.string(),
  kind: z.enum(BOARD_KINDS),
  at: z.number(),
  /** Stored updates up to `at`, of `total`. */
  seq: z.number().int(),
  applied: z.number().int(),
  total: z.number().int(),
  cards: z.array(RecordCard),
});
export type BoardAtView = z.infer<typeof BoardAtView>;

/** POST /api/meetings/:id/marks (facilitator): a snapshot taken by hand. */
export const CreateMarkBody = z.object({
  label: z.string().trim().min(1).max(Limits.titleMax),
  boardId: z.string().max(64).nullable().optional(),
});
export type CreateMarkBody = z.infer<typeof CreateMarkBody>;

/** GET/PATCH /api/meetings/:id/record/settings: what the minutes need. */
export const RecordSettings = z.object({
  secretaryId: z.string().max(64).nullable(),
  supervisingBody: z.string().trim().max(Limits.titleMax),
  issuingBody: z.string().trim().max(Limits.titleMax),
  place: z.string().trim().max(Limits.titleMax),
  documentNumber: z.string().trim().max(60),
});
export type RecordSettings = z.infer<typeof RecordSettings>;
export const UpdateRecordSettingsBody = RecordSettings.partial().refine(
  (b) => Object.keys(b).length > 0,
  'nothing to change',
);
export type UpdateRecordSettingsBody = z.infer<typeof UpdateRecordSettingsBody>;
