/**
 * Reads a whole meeting out of any storage adapter (in practice a hall laptop's SQLite) and
 * writes it into another (the shared PostgreSQL) in one transaction, through the same
 * `RecordStore.importMeeting` an archive import uses. A move keeps every id: it is the same
 * meeting in a new place, not a copy, so its bundle is not re-keyed and carries the running
 * state (`ImportBundle.live`) besides the record. `scripts/move-meeting.ts` is its command.
 */
import { conclusionsRoomName } from '@shared/doc/conclusions';
import { draftDocId } from '@shared/facilitation/drafts';
import type { ImportBundle, ImportedUpdate } from './record-store';
import type { Storage } from './storage';

/** Rows read per page of a long history. */
const PAGE = 5000;

async function history(from: Storage, docId: string): Promise<ImportedUpdate[]> {
  const rows: ImportedUpdate[] = [];
  for (let after = 0; ;) {
    const page = await from.listUpdates(docId, after, PAGE);
    for (const u of page)
      rows.push({
        docId,
        update: u.update,
        participantId: u.participantId,
        createdAt: u.createdAt,
        serverWrite: u.serverWrite ?? u.participantId === null,
      });
    if (page.length < PAGE) return rows;
    after = page.at(-1)!.seq;
  }
}

/** Reads the meeting with every document's full history and its running state. */
export async function exportMeeting(from: Storage, meetingId: string): Promise<ImportBundle> {
  const meeting = await from.getMeeting(meetingId);
  if (!meeting) throw new Error(`no meeting ${meetingId} in the source database`);
  const boards = await from.listBoards(meetingId);
  const drafts = (await Promise.all(boards.map((b) => from.listDrafts(b.id)))).flat();
  const docIds = [
    ...boards.map((b) => b.id),
    ...drafts.map((d) => draftDocId(d.boardId, d.participantId)),
    conclusionsRoomName(meetingId),
  ];
  const updates: ImportedUpdate[] = [];
  for (const docId of docIds) updates.push(...(await history(from, docId)));
  const voteRounds = await from.listVoteRounds(meetingId);
  const ballots = (await Promise.all(voteRounds.map((r) => from.listBallots(r.id)))).flat();
  return {
    meeting,
    participants: await from.listParticipants(meetingId),
    nameHistory: await from.listNameHistory(meetingId),
    origins: [...(await from.listParticipantOrigins(meetingId))].map(
      ([participantId, originalId]) => ({ participantId, originalId }),
    ),
    boards,
    updates,
    marks: await from.listMarks(meetingId),
    settings: await from.getRecordSettings(meetingId),
    live: {
      agenda: await from.listAgendaSteps(meetingId),
      control: await from.getMeetingControl(meetingId),
      hands: await from.listHands(meetingId),
      drafts,
      voteRounds,
      ballots,
      decisions: await from.listDecisions(meetingId),
    },
  };
}

/**
 * Copies the meeting; returns how many boards and updates were moved. Rejects, writing
 * nothing, when the target already holds a meeting with its id.
 */
export async function moveMeeting(
  from: Storage,
  to: Storage,
  meetingId: string,
): Promise<{ boards: number; updates: number }> {
  const bundle = await exportMeeting(from, meetingId);
  if (await to.getMeeting(meetingId))
    throw new Error(`meeting ${meetingId} already exists in this database`);
  await to.importMeeting(bundle);
  return { boards: bundle.boards.length, updates: bundle.updates.length };
}
