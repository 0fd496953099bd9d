/**
 * Reads a whole meeting out of any storage adapter (in practice a hall laptop's SQLite) and
 * writes it into PostgreSQL in one transaction. `scripts/move-meeting.ts` is its command.
 */
import type { MeetingExport } from './postgres/import-meeting';
import type { PostgresStorage } from './postgres/postgres-storage';
import type { Storage } from './storage';

/** Reads the meeting with every board's full update history. */
export async function exportMeeting(from: Storage, meetingId: string): Promise<MeetingExport> {
  const meeting = await from.getMeeting(meetingId);
  if (!meeting) throw new Error(`no meeting ${meetingId} in the source database`);
  const participants = await from.listParticipants(meetingId);
  const boards = await from.listBoards(meetingId);
  const updates = new Map<
    string,
    MeetingExport['updates'] extends Map<string, infer R> ? R : never
  >();
  for (const board of boards) {
    const rows = [];
    for (let after = 0; ;) {
      const page = await from.listUpdates(board.id, after, 5000);
      rows.push(
        ...page.map((u) => ({
          update: u.update,
          participantId: u.participantId,
          createdAt: u.createdAt,
        })),
      );
      if (page.length < 5000) break;
      after = page.at(-1)!.seq;
    }
    updates.set(board.id, rows);
  }
  return { meeting, participants, boards, updates };
}

/** Copies the meeting; returns how many boards and updates were moved. */
export async function moveMeeting(
  from: Storage,
  to: PostgresStorage,
  meetingId: string,
): Promise<{ boards: number; updates: number }> {
  const data = await exportMeeting(from, meetingId);
  await to.importMeeting(data);
  return {
    boards: data.boards.length,
    updates: [...data.updates.values()].reduce((n, rows) => n + rows.length, 0),
  };
}
