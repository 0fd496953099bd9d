/**
 * Archive parts of the features (shared/schemas/archive.ts holds the core part):
 *
 *   parts.facilitation  the agenda with its actual times and the running state (current step,
 *                       timer as a deadline, follow-me); hands and private drafts are not
 *                       archived (hands are momentary, drafts are private and never revealed)
 *   parts.voting        every dot-vote and scoring round with its ballots (an archive is the
 *                       full record; an open round's ballots stay secret after import as they
 *                       were before), and the confirmed decisions
 *
 * Boards are named by their `key` in `parts.core.boards`, participants by their archive id;
 * rounds by (boardKey, round), steps by position. Item ids inside documents stay as they are.
 */
import { z } from 'zod';
import { ArchiveId } from './archive';
import { TIMER_STATUSES } from './facilitation';
import { CriterionSchema, DecisionEntry, ScoreResults, VoteResults } from './voting';
import { Limits } from '../constants';

const BoardKey = ArchiveId;
const Time = z.number().int().min(0);
/** An item or card id inside a document. */
const EntryId = z.string().min(1).max(64);

export const FacilitationArchivePart = z.object({
  steps: z
    .array(
      z.object({
        title: z.string().max(Limits.titleMax),
        minutes: z
          .number()
          .int()
          .min(0)
          .max(24 * 60),
        boardKey: BoardKey.nullable(),
        startedAt: Time.nullable(),
        endedAt: Time.nullable(),
      }),
    )
    .max(200),
  control: z.object({
    /** Position in `steps` of the current step. */
    currentStep: z.number().int().min(0).nullable(),
    timerStatus: z.enum(TIMER_STATUSES),
    timerEndsAt: Time.nullable(),
    timerRemainingMs: z.number().int().min(0).nullable(),
    followOn: z.boolean(),
    followBoardKey: BoardKey.nullable(),
    followCardId: EntryId.nullable(),
  }),
});
export type FacilitationArchivePart = z.infer<typeof FacilitationArchivePart>;

const Ballot = z.object({
  participantId: ArchiveId,
  name: z.string().max(Limits.nameMax),
  department: z.string().max(Limits.departmentMax).nullable(),
  castBy: ArchiveId,
  proxy: z.boolean(),
  /** Dots (item → n) or scores (item → criterion → 1..5). */
  content: z.record(EntryId, z.unknown()),
  castAt: Time,
});

export const VotingArchivePart = z.object({
  rounds: z
    .array(
      z.object({
        boardKey: BoardKey,
        round: z.number().int().min(1),
        method: z.enum(['dots', 'score']),
        status: z.enum(['open', 'revealed']),
        dotsPerVoter: z.number().int().nullable(),
        maxPerItem: z.number().int().nullable(),
        unit: z.enum(['person', 'department']),
        criteria: z.array(CriterionSchema).nullable(),
        items: z.array(z.object({ id: EntryId, title: z.string() })).max(1000),
        openedBy: ArchiveId.nullable(),
        openedAt: Time,
        closedBy: ArchiveId.nullable(),
        closedAt: Time.nullable(),
        results: z.union([VoteResults, ScoreResults]).nullable(),
        ballots: z.array(Ballot).max(10_000),
      }),
    )
    .max(10_000),
  decisions: z
    .array(
      z.object({
        boardKey: BoardKey,
        /** The round (of this board) whose ranking was confirmed. */
        round: z.number().int().min(1),
        ranking: z.array(DecisionEntry).max(1000),
        decidedBy: ArchiveId.or(z.literal('')),
        decidedByName: z.string().max(Limits.nameMax),
        decidedAt: Time,
      }),
    )
    .max(10_000),
});
export type VotingArchivePart = z.infer<typeof VotingArchivePart>;
