import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  scaleOutUnavailable,
  type TestDatabase,
} from '../../tests/support/scale-out';
import { conclusionsRoomName } from '@shared/doc/conclusions';
import { draftDocId } from '@shared/facilitation/drafts';
import { moveMeeting } from './move-meeting';
import { PostgresStorage } from './postgres/postgres-storage';
import { SqliteStorage } from './sqlite/sqlite-storage';
import type { Storage } from './storage';

const skip = scaleOutUnavailable({ postgres: true });

describe.skipIf(skip !== null)('moving a meeting from SQLite to PostgreSQL', () => {
  let db: TestDatabase | null = null;
  afterEach(async () => {
    await db?.drop();
    db = null;
  });

  it('copies the meeting, its people, its boards and every update with author and time, once', async () => {
    const from = new SqliteStorage({ file: ':memory:' });
    const meeting = {
      id: 'm-move',
      title: 'Hội nghị (dữ liệu mẫu)',
      date: null,
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế'],
      joinCode: 'MOVE01',
      createdAt: 1,
    };
    const people = [
      {
        id: 'p-f',
        meetingId: 'm-move',
        role: 'facilitator' as const,
        name: 'Chủ trì',
        department: null,
        createdAt: 1,
        removedAt: null,
      },
      {
        id: 'p-1',
        meetingId: 'm-move',
        role: 'participant' as const,
        name: 'Lan',
        department: 'Phòng Y tế',
        createdAt: 2,
        removedAt: 9,
      },
    ];
    const boards = [
      {
        id: 'b-1',
        meetingId: 'm-move',
        kind: 'swot' as const,
        title: 'SWOT',
        department: null,
        locked: true,
        private: false,
        position: 0,
        createdAt: 1,
      },
    ];
    await from.createMeetingWithDocuments(meeting, people, boards, [
      { boardId: 'b-1', update: new Uint8Array([1]), createdAt: 1 },
    ]);
    const rows = Array.from({ length: 1203 }, (_, i) => ({
      update: new Uint8Array([i % 256, 7]),
      participantId: i % 2 ? 'p-1' : null,
      createdAt: 10 + i,
    }));
    await from.appendUpdates('b-1', rows);

    db = await createTestDatabase();
    const to = await PostgresStorage.open({ url: db.url });
    try {
      expect(await moveMeeting(from, to, 'm-move')).toEqual({ boards: 1, updates: 1204 });
      expect(await to.getMeeting('m-move')).toEqual(meeting);
      expect(await to.listParticipants('m-move')).toEqual(people);
      expect(await to.listBoards('m-move')).toEqual(boards);
      const strip = (u: {
        update: Uint8Array;
        participantId: string | null;
        createdAt: number;
      }) => [[...u.update], u.participantId, u.createdAt];
      expect((await to.listUpdates('b-1', 0, 5000)).map(strip)).toEqual(
        (await from.listUpdates('b-1', 0, 5000)).map(strip),
      );
      // A second move changes nothing.
      await expect(moveMeeting(from, to, 'm-move')).rejects.toThrow('already exists');
      expect(await to.listUpdates('b-1', 0, 5000)).toHaveLength(1204);
    } finally {
      await to.close();
      await from.close();
    }
  });
});

if (skip) {
  describe('moving a meeting from SQLite to PostgreSQL', () => {
    it.skip(skip, () => {});
  });
}

/** A meeting with something in every store part, on `from`. */
async function seedEverything(from: Storage): Promise<void> {
  const m = 'm-live';
  await from.createMeetingWithDocuments(
    {
      id: m,
      title: 'Hội nghị (dữ liệu mẫu)',
      date: '2026-03-02',
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế', 'Phòng Dân tộc'],
      joinCode: 'LIVE01',
      createdAt: 1,
    },
    [
      {
        id: 'p-f',
        meetingId: m,
        role: 'facilitator',
        name: 'Chủ trì',
        department: null,
        createdAt: 1,
        removedAt: null,
      },
      {
        id: 'p-1',
        meetingId: m,
        role: 'participant',
        name: 'Lan',
        department: 'Phòng Y tế',
        createdAt: 2,
        removedAt: null,
      },
    ],
    [
      {
        id: 'b-p',
        meetingId: m,
        kind: 'priority',
        title: 'Ưu tiên',
        department: null,
        locked: false,
        private: true,
        position: 0,
        createdAt: 1,
      },
    ],
    [{ boardId: 'b-p', update: new Uint8Array([1]), createdAt: 1 }],
  );
  await from.updateParticipant('p-1', { name: 'Nguyễn Thị Lan' });
  await from.appendUpdate('b-p', new Uint8Array([2]), 'p-1', 5);
  await from.appendUpdate('b-p', new Uint8Array([3]), 'p-f', 6, { serverWrite: true });
  await from.appendUpdate(draftDocId('b-p', 'p-1'), new Uint8Array([4]), 'p-1', 7);
  await from.setDraftCount({ boardId: 'b-p', participantId: 'p-1', cards: 1, updatedAt: 7 });
  await from.appendUpdate(conclusionsRoomName(m), new Uint8Array([5]), 'p-f', 8);
  await from.replaceAgenda(m, [
    {
      id: 's-1',
      meetingId: m,
      position: 0,
      title: 'Khai mạc',
      minutes: 10,
      boardId: null,
      startedAt: null,
      endedAt: null,
    },
    {
      id: 's-2',
      meetingId: m,
      position: 1,
      title: 'Xếp hạng',
      minutes: 20,
      boardId: 'b-p',
      startedAt: null,
      endedAt: null,
    },
  ]);
  await from.gotoAgendaStep(m, 's-1', 10);
  await from.gotoAgendaStep(m, 's-2', 20);
  await from.updateMeetingControl(m, {
    timerStatus: 'running',
    timerEndsAt: 99_000,
    followOn: true,
  });
  await from.raiseHand({ meetingId: m, participantId: 'p-1', raisedAt: 21 });
  const round = await from.createVoteRound({
    id: 'r-1',
    meetingId: m,
    boardId: 'b-p',
    round: 0,
    method: 'dots',
    status: 'open',
    dotsPerVoter: 3,
    maxPerItem: null,
    unit: 'person',
    criteria: null,
    items: [
      { id: 'i-b', title: 'B' },
      { id: 'i-a', title: 'A' },
    ],
    openedBy: 'p-f',
    openedAt: 30,
    closedBy: null,
    closedAt: null,
    results: null,
  });
  expect(round?.round).toBe(1);
  await from.castBallot(
    {
      roundId: 'r-1',
      participantId: 'p-1',
      name: 'Nguyễn Thị Lan',
      department: 'Phòng Y tế',
      castBy: 'p-1',
      proxy: false,
      content: { 'i-b': 2, 'i-a': 1 },
      castAt: 31,
    },
    null,
    () => {},
  );
  await from.castBallot(
    {
      roundId: 'r-1',
      participantId: 'p-f',
      name: 'Chủ trì',
      department: null,
      castBy: 'p-f',
      proxy: true,
      content: { 'i-a': 3 },
      castAt: 32,
    },
    null,
    () => {},
  );
  await from.closeVoteRound('r-1', 'p-f', 40, () => ({ totals: { 'i-a': 4, 'i-b': 2 } }));
  await from.createDecision({
    id: 'd-1',
    meetingId: m,
    boardId: 'b-p',
    roundId: 'r-1',
    ranking: [{ id: 'i-a' }, { id: 'i-b' }],
    decidedBy: 'p-f',
    decidedByName: 'Chủ trì',
    decidedAt: 41,
  });
  await from.addMark({
    id: 'k-1',
    meetingId: m,
    boardId: 'b-p',
    at: 40,
    reason: 'reveal',
    label: 'Công bố',
    participantId: 'p-f',
  });
  await from.saveRecordSettings({
    meetingId: m,
    secretaryId: 'p-1',
    supervisingBody: 'UBND TỈNH MẪU',
    issuingBody: 'UBND HUYỆN MẪU',
    place: 'Mẫu',
    documentNumber: '01',
    updatedAt: 50,
  });
}

/** Everything the store parts answer about the seeded meeting. */
async function readEverything(s: Storage) {
  const m = 'm-live';
  const history = async (docId: string) =>
    (await s.listUpdates(docId)).map((u) => [
      [...u.update],
      u.participantId,
      u.createdAt,
      u.serverWrite,
    ]);
  return {
    meeting: await s.getMeeting(m),
    participants: await s.listParticipants(m),
    names: await s.listNameHistory(m),
    boards: await s.listBoards(m),
    board: await history('b-p'),
    draft: await history(draftDocId('b-p', 'p-1')),
    conclusions: await history(conclusionsRoomName(m)),
    drafts: await s.listDrafts('b-p'),
    agenda: await s.listAgendaSteps(m),
    control: await s.getMeetingControl(m),
    hands: await s.listHands(m),
    rounds: await s.listVoteRounds(m),
    ballots: await s.listBallots('r-1'),
    voters: await s.listVoters('r-1'),
    decisions: await s.listDecisions(m),
    marks: await s.listMarks(m),
    settings: await s.getRecordSettings(m),
  };
}

describe('moving a meeting keeps every part of it', () => {
  it('SQLite to SQLite: the same ids, the running state, the votes and the record', async () => {
    const from = new SqliteStorage({ file: ':memory:' });
    const to = new SqliteStorage({ file: ':memory:' });
    try {
      await seedEverything(from);
      const before = await readEverything(from);
      expect(before.board).toHaveLength(3);
      expect(before.control.timerStatus).toBe('running');
      expect(await moveMeeting(from, to, 'm-live')).toEqual({ boards: 1, updates: 5 });
      expect(await readEverything(to)).toEqual(before);
    } finally {
      await from.close();
      await to.close();
    }
  });

  it.skipIf(skip !== null)('SQLite to PostgreSQL: the same', async () => {
    const from = new SqliteStorage({ file: ':memory:' });
    const db = await createTestDatabase();
    const to = await PostgresStorage.open({ url: db.url });
    try {
      await seedEverything(from);
      const before = await readEverything(from);
      await moveMeeting(from, to, 'm-live');
      expect(await readEverything(to)).toEqual(before);
    } finally {
      await to.close();
      await from.close();
      await db.drop();
    }
  });
});
