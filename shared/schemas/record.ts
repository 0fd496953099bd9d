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

/** Who took part in a round: names only, never how anyone voted. */
export const RecordVoter = z.object({ participantId: z.string(), name: z.string() });
export type RecordVoter = z.infer<typeof RecordVoter>;

/** One dot-vote round (issue 10's vote slice) with its results: totals, never ballots. */
export const RecordVote = z.object({
  id: z.string(),
  boardId: z.string(),
  round: z.number().int(),
  status: z.string(),
  dotsPerVoter: z.number(),
  maxPerItem: z.number().nullable(),
  unit: z.string(),
  /** How many voted. */
  voters: z.number().int(),
  /** Who voted, oldest ballot first. */
  voterNames: z.array(RecordVoter),
  closedAt: z.number().nullable(),
  results: z.object({
    /** item id → total. */
    totals: z.record(z.string(), z.number()),
    /** department → item id → total ('' for voters without a department). */
    byDepartment: z.record(z.string(), z.record(z.string(), z.number())),
  }),
});
export type RecordVote = z.infer<typeof RecordVote>;

/** One scoring round: its criteria, each item's weighted score with its spread, the ranking. */
export const RecordScoreRound = z.object({
  id: z.string(),
  boardId: z.string(),
  round: z.number().int(),
  status: z.string(),
  criteria: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      weight: z.number(),
      direction: z.enum(['higher', 'lower']),
    }),
  ),
  voters: z.number().int(),
  voterNames: z.array(RecordVoter),
  closedAt: z.number().nullable(),
  /** In ranking order; empty while the round is open (results are secret until revealed). */
  items: z.array(
    z.object({
      itemId: z.string(),
      title: z.string(),
      rank: z.number().int(),
      tied: z.boolean(),
      score: z.number(),
      count: z.number().int(),
      min: z.number(),
      max: z.number(),
      stdev: z.number(),
      /** criterion id → mean score. */
      byCriterion: z.record(z.string(), z.number()),
    }),
  ),
});
export type RecordScoreRound = z.infer<typeof RecordScoreRound>;

/** Where a priority item came from: a SWOT card or a commune proposal. */
export const RecordSource = z.object({
  kind: z.enum(['swot', 'proposal']),
  boardId: z.string(),
  id: z.string(),
  /** The source's board title and text when it is still in the record, else ''. */
  boardTitle: z.string(),
  text: z.string(),
});
export type RecordSource = z.infer<typeof RecordSource>;

/** A priority list (issue 10) in its final state, with scores, ranks and the decision. */
export const RecordPriorityList = z.object({
  boardId: z.string(),
  title: z.string(),
  /** Live items in list order. */
  items: z.array(
    z.object({
      id: z.string(),
      text: z.string(),
      description: z.string(),
      /** The proposing department, as written on the item. */
      department: z.string(),
      /** Estimated cost in VND, null when unknown. */
      cost: z.number().nullable(),
      sources: z.array(RecordSource),
      /** Derived from the update log (a promotion: the promoter), never the claim. */
      author: RecordAuthor,
      createdAt: z.number(),
      /** Weighted score of the latest revealed scoring round. */
      score: z.number().nullable(),
      /** Rank in the confirmed decision, else in the latest revealed round. */
      rank: z.number().int().nullable(),
    }),
  ),
  decision: z
    .object({
      /** The ranking in one line ("1. … ; 2. …"). */
      text: z.string(),
      round: z.number().int(),
      method: z.enum(['dots', 'score']),
      ranking: z.array(
        z.object({
          itemId: z.string(),
          title: z.string(),
          rank: z.number().int(),
          value: z.number(),
          tied: z.boolean(),
        }),
      ),
      confirmedAt: z.number(),
      confirmedBy: RecordAuthor,
    })
    .nullable(),
});
export type RecordPriorityList = z.infer<typeof RecordPriorityList>;

/** A commune proposal as the record shows it. */
export const RecordProposal = z.object({
  id: z.string(),
  title: z.string(),
  commune: z.string(),
  sector: z.string(),
  cost: z.number().nullable(),
  beneficiaries: z.number().nullable(),
  author: RecordAuthor,
  createdAt: z.number(),
  /** Priority items made from it. */
  promoted: z.number().int(),
});
export type RecordProposal = z.infer<typeof RecordProposal>;

/** Totals of a group of proposals (costs known, and how many have none). */
const ProposalTotals = {
  count: z.number().int(),
  totalCost: z.number(),
  withoutCost: z.number().int(),
};

/** A commune-proposals board: by commune, then by sector ('' = not yet assigned). */
export const RecordProposalBoard = z.object({
  boardId: z.string(),
  title: z.string(),
  communes: z.array(
    z.object({
      commune: z.string(),
      ...ProposalTotals,
      sectors: z.array(
        z.object({ sector: z.string(), ...ProposalTotals, proposals: z.array(RecordProposal) }),
      ),
    }),
  ),
});
export type RecordProposalBoard = z.infer<typeof RecordProposalBoard>;

/** An indicator table (issue 12): last year's plan evaluated and every forecast of each row. */
export const RecordIndicatorTable = z.object({
  boardId: z.string(),
  title: z.string(),
  /** The last past year (its plan is evaluated) and the plan year (targets, forecasts). */
  lastYear: z.number().int(),
  planYear: z.number().int(),
  rows: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      unit: z.string(),
      department: z.string(),
      author: RecordAuthor,
      /** Actual values of the past years (year → value), numbers only. */
      actuals: z.record(z.string(), z.number()),
      plan: z.number().nullable(),
      actual: z.number().nullable(),
      /** Completion of last year's plan (%), and its status; null when it cannot be computed. */
      completion: z.number().nullable(),
      status: z.enum(['met', 'nearly', 'missed']).nullable(),
      target: z.number().nullable(),
      forecasts: z.array(
        z.object({
          /** cagr, linear, exponential, holt, icor-growth, icor-investment. */
          method: z.string(),
          /** The method's inputs or fitted parameters, as one line. */
          inputs: z.string(),
          result: z.number().nullable(),
          /** (target − result) / |result|, null without a target. */
          gap: z.number().nullable(),
        }),
      ),
      /** No forecast comes within the large-gap threshold of the target. */
      largeGap: z.boolean(),
    }),
  ),
});
export type RecordIndicatorTable = z.infer<typeof RecordIndicatorTable>;

/**
 * Why a mark was taken: a lock, an agenda step change, a reveal of drafts, a vote or scoring
 * round revealed, a confirmed decision, or by hand.
 */
export const MARK_REASONS = [
  'lock',
  'unlock',
  'agenda-step',
  'reveal',
  'vote',
  'decision',
  'manual',
] as const;

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
  scores: z.array(RecordScoreRound),
  priorities: z.array(RecordPriorityList),
  proposals: z.array(RecordProposalBoard),
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
