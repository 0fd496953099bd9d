/**
 * How the room decides: dot voting, criteria scoring and the decision, as messages of the
 * meeting channel (registered in socket.ts). Ballots live only on the server; these slices
 * say who has voted, never how, and carry results only after the facilitator's reveal.
 */
import { z } from 'zod';
import { Id } from './http';

/** Most dots one voter (person or department) may have. */
export const DOTS_MAX = 12;
/** Most criteria in one scoring round. */
export const CRITERIA_MAX = 8;
/** Most items a ballot may name (a list holds at most the board entry limit). */
export const BALLOT_ITEMS_MAX = 500;

/** Who holds a budget of dots: each person, or each department (its members share it). */
export const VoteUnit = z.enum(['person', 'department']);
export type VoteUnit = z.infer<typeof VoteUnit>;

/** Open (ballots secret) or revealed (closed; results public). */
export const RoundStatus = z.enum(['open', 'revealed']);
export type RoundStatus = z.infer<typeof RoundStatus>;

/** Someone who has cast a ballot in a round: names only, never how. */
export const Voter = z.object({ participantId: Id, name: z.string() });
export type Voter = z.infer<typeof Voter>;

/** item id → dots. */
export const Dots = z
  .record(Id, z.number().int().min(0).max(DOTS_MAX))
  .refine((d) => Object.keys(d).length <= BALLOT_ITEMS_MAX, 'too many items');
export type Dots = z.infer<typeof Dots>;

/** client → server (facilitator): open a dot vote on a priority list. */
export const VoteOpen = z.object({
  boardId: Id,
  /** Dots per voter, 1 to 12. */
  dotsPerVoter: z.number().int().min(1).max(DOTS_MAX),
  /** Most dots one voter may put on one item; no cap when omitted. */
  maxPerItem: z.number().int().min(1).max(DOTS_MAX).optional(),
  unit: VoteUnit,
});
export type VoteOpen = z.infer<typeof VoteOpen>;

/** client → server (anyone who may write): replace the caller's ballot (or a proxy's). */
export const VoteCast = z.object({
  voteId: Id,
  dots: Dots,
  /** Facilitators only: the participant (without a device) this ballot is for. */
  onBehalfOf: Id.optional(),
});
export type VoteCast = z.infer<typeof VoteCast>;

/** client → server: my ballot in this round (ack `{ ok: true, dots }`). */
export const VoteMine = z.object({ voteId: Id });
export type VoteMine = z.infer<typeof VoteMine>;

/** client → server (facilitator): close the round and reveal it. */
export const VoteClose = z.object({ voteId: Id });
export type VoteClose = z.infer<typeof VoteClose>;

/** A revealed dot vote: totals per item, and per item within each voter's department. */
export const VoteResults = z.object({
  totals: z.record(z.string(), z.number()),
  /** department → item id → dots; '' holds voters without a department. */
  byDepartment: z.record(z.string(), z.record(z.string(), z.number())),
});
export type VoteResults = z.infer<typeof VoteResults>;

/** One dot-vote round as everyone sees it (the `votes` slice is a list of these). */
export const VoteInfo = z.object({
  id: Id,
  boardId: Id,
  /** 1, 2, … per board, across dot and scoring rounds. */
  round: z.number().int(),
  status: RoundStatus,
  dotsPerVoter: z.number().int(),
  maxPerItem: z.number().int().nullable(),
  unit: VoteUnit,
  voters: z.array(Voter),
  results: VoteResults.nullable(),
});
export type VoteInfo = z.infer<typeof VoteInfo>;

/** A criterion id: short, written by the facilitator's client or generated. */
export const CriterionId = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/);

export const CriterionSchema = z.object({
  id: CriterionId,
  /** e.g. "Tác động", "Khả thi", "Chi phí". */
  name: z.string().trim().min(1).max(80),
  /** Relative weight (need not add up to anything). */
  weight: z.number().positive().max(100),
  /** 'lower' where less is better (cost): the score is reversed before weighting. */
  direction: z.enum(['higher', 'lower']),
});

/** client → server (facilitator): open a scoring round on a priority list. */
export const ScoreOpen = z.object({
  boardId: Id,
  criteria: z
    .array(CriterionSchema)
    .min(1)
    .max(CRITERIA_MAX)
    .refine(
      (list) => new Set(list.map((c) => c.id)).size === list.length,
      'criterion ids must be unique',
    ),
});
export type ScoreOpen = z.infer<typeof ScoreOpen>;

/** item id → criterion id → 1..5. */
export const Scores = z
  .record(Id, z.record(CriterionId, z.number().int().min(1).max(5)))
  .refine((d) => Object.keys(d).length <= BALLOT_ITEMS_MAX, 'too many items');
export type Scores = z.infer<typeof Scores>;

/** client → server: replace the caller's score sheet (or a proxy's). */
export const ScoreCast = z.object({ voteId: Id, scores: Scores, onBehalfOf: Id.optional() });
export type ScoreCast = z.infer<typeof ScoreCast>;

/** client → server: my score sheet (ack `{ ok: true, scores }`). */
export const ScoreMine = z.object({ voteId: Id });
export type ScoreMine = z.infer<typeof ScoreMine>;

/** client → server (facilitator): close the scoring round and reveal it. */
export const ScoreClose = z.object({ voteId: Id });
export type ScoreClose = z.infer<typeof ScoreClose>;

export const RankedItemSchema = z.object({
  itemId: z.string(),
  value: z.number(),
  rank: z.number().int(),
  tied: z.boolean(),
});

export const ItemScoreSchema = z.object({
  score: z.number(),
  count: z.number().int(),
  min: z.number(),
  max: z.number(),
  stdev: z.number(),
  byCriterion: z.record(z.string(), z.number()),
});

/** A revealed scoring round: each item's weighted score with its spread, and the ranking. */
export const ScoreResults = z.object({
  items: z.record(z.string(), ItemScoreSchema),
  ranking: z.array(RankedItemSchema),
});
export type ScoreResults = z.infer<typeof ScoreResults>;

/** One scoring round as everyone sees it (the `scores` slice is a list of these). */
export const ScoreInfo = z.object({
  id: Id,
  boardId: Id,
  round: z.number().int(),
  status: RoundStatus,
  criteria: z.array(CriterionSchema),
  voters: z.array(Voter),
  results: ScoreResults.nullable(),
});
export type ScoreInfo = z.infer<typeof ScoreInfo>;

/** client → server (facilitator): confirm the ranking of a revealed round; the list is locked. */
export const DecisionConfirm = z.object({ voteId: Id });
export type DecisionConfirm = z.infer<typeof DecisionConfirm>;

/** One place of a confirmed ranking, with the item's title as it was when the round opened. */
export const DecisionEntry = RankedItemSchema.extend({ title: z.string() });

/** A confirmed ranking (the `decisions` slice is a list of these). */
export const DecisionInfo = z.object({
  id: Id,
  boardId: Id,
  voteId: Id,
  round: z.number().int(),
  method: z.enum(['dots', 'score']),
  ranking: z.array(DecisionEntry),
  /** The rule that ordered tied items ('listOrder': the list's order when the round opened). */
  tieBreak: z.literal('listOrder'),
  decidedAt: z.number(),
  decidedBy: Voter,
});
export type DecisionInfo = z.infer<typeof DecisionInfo>;
