/**
 * Names in force: who a participant was called, and in which department, at a moment.
 */
import type { RecordAuthor } from '@shared/schemas/record';
import type { NameEntry } from '../storage/record-store';
import type { ParticipantRecord } from '../storage/storage';

/** Shown for the server's own writes (board header, corrections) in every language. */
export const SERVER_AUTHOR: RecordAuthor = {
  participantId: null,
  name: 'server',
  department: null,
};

export class NameBook {
  private readonly history = new Map<string, NameEntry[]>();
  private readonly current = new Map<string, ParticipantRecord>();
  /** Archive ids of imported participants → their id here. */
  private readonly byOrigin = new Map<string, string>();

  constructor(
    participants: readonly ParticipantRecord[],
    entries: readonly NameEntry[],
    origins: ReadonlyMap<string, string> = new Map(),
  ) {
    for (const p of participants) this.current.set(p.id, p);
    for (const e of entries) {
      const list = this.history.get(e.participantId) ?? [];
      list.push(e);
      this.history.set(e.participantId, list);
    }
    for (const list of this.history.values()) list.sort((a, b) => a.since - b.since);
    for (const [id, original] of origins) this.byOrigin.set(original, id);
  }

  /** The participant a claimed id names in this meeting (its own id or its archive id). */
  resolve(claimedId: string): string | null {
    if (this.current.has(claimedId)) return claimedId;
    return this.byOrigin.get(claimedId) ?? null;
  }

  /** `participantId` as they were called at `at` (their first name if `at` is earlier). */
  at(participantId: string | null, at: number): RecordAuthor {
    if (participantId === null) return SERVER_AUTHOR;
    const list = this.history.get(participantId);
    let entry: NameEntry | undefined;
    if (list) {
      for (const e of list) {
        if (e.since <= at) entry = e;
        else break;
      }
      entry ??= list[0];
    }
    const p = this.current.get(participantId);
    return {
      participantId,
      name: entry?.name ?? p?.name ?? participantId,
      department: entry ? entry.department : (p?.department ?? null),
    };
  }
}
