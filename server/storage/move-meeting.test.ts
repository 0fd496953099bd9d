import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  scaleOutUnavailable,
  type TestDatabase,
} from '../../tests/support/scale-out';
import { moveMeeting } from './move-meeting';
import { PostgresStorage } from './postgres/postgres-storage';
import { SqliteStorage } from './sqlite/sqlite-storage';

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
