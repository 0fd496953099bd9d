/**
 * A part of the meeting archive owned by one feature. The core part (meeting, participants,
 * boards and their histories, conclusions, marks, settings) is built in archive-service.ts;
 * agenda (issue 9), votes and decisions (issue 10) and indicators (issue 12) register theirs.
 */
import type { z } from 'zod';
import type { ImportBundle } from '../../storage/record-store';

/** Archive ids → the new ids of the imported meeting. */
export interface IdMap {
  readonly meetingId: string;
  /** A participant's new id; throws for an id the archive's participants do not have. */
  participant(archiveId: string): string;
  /** A board's new id; throws for a key the archive's boards do not have. */
  board(archiveKey: string): string;
}

export interface ArchivePart<T> {
  /** Key under `parts` in the archive. */
  readonly name: string;
  /** Validates the part; its errors name what is wrong. */
  readonly schema: z.ZodType<T>;
  /** The part of the meeting, or undefined when the meeting has none. */
  export(meetingId: string, archiveIdOf: (participantId: string) => string): Promise<T | undefined>;
  /**
   * Adds the part's rows to the import bundle, re-keyed with `ids`. Runs before anything is
   * written; the bundle is then written in one transaction.
   */
  import(data: T, ids: IdMap, bundle: ImportBundle): void;
}
