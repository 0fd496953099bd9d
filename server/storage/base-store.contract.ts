/**
 * The contract every storage adapter keeps for the base interface (meetings, participants,
 * boards, the update log, snapshots and the checked changes), run on SQLite and PostgreSQL
 * alike. Call it from a test file with a factory for your adapter.
 */
import { describe, expect, it } from 'vitest';
import type { BoardRecord, MeetingRecord, ParticipantRecord, Storage } from './storage';

export interface StorageUnderTest {
  storage: Storage;
  /** Another handle on the same database, as a second server instance would open it. */
  another(): Promise<Storage>;
  cleanup(): Promise<void>;
}

let counter = 0;
const unique = (p: string): string => `${p}${Date.now().toString(36)}${(++counter).toString(36)}`;

function meeting(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: unique('m'),
    title: 'Hội nghị bàn tròn huyện',
    date: '2026-03-15',
    district: 'Huyện Mẫu',
    planYear: 2027,
    departments: ['Phòng Y tế', 'Phòng Tài chính - Kế hoạch'],
    joinCode: unique('J').slice(0, 12).toUpperCase(),
    createdAt: 1000,
    ...overrides,
  };
}

function participant(
  meetingId: string,
  overrides: Partial<ParticipantRecord> = {},
): ParticipantRecord {
  return {
    id: unique('p'),
    meetingId,
    role: 'participant',
    name: 'Nguyễn Thị Lan',
    department: 'Phòng Y tế',
    createdAt: 1000,
    removedAt: null,
    ...overrides,
  };
}

function board(meetingId: string, position: number): BoardRecord {
  return {
    id: unique('b'),
    meetingId,
    kind: 'swot',
    title: `SWOT ${position}`,
    department: null,
    locked: false,
    private: false,
    position,
    createdAt: 1000 + position,
  };
}

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);

export function baseStoreContract(name: string, open: () => Promise<StorageUnderTest>): void {
  describe(`storage contract (base): ${name}`, () => {
    const withStorage = (test: (s: StorageUnderTest) => Promise<void>) => async () => {
      const s = await open();
      try {
        await test(s);
      } finally {
        await s.cleanup();
      }
    };

    it(
      'creates a meeting with its participants and boards and reads them back',
      withStorage(async ({ storage }) => {
        const m = meeting();
        const f = participant(m.id, { role: 'facilitator', name: 'Chủ trì', department: null });
        const boards = [board(m.id, 1), board(m.id, 0)];
        await storage.createMeeting(m, [f], boards);
        expect(await storage.getMeeting(m.id)).toEqual(m);
        expect(await storage.getMeetingByJoinCode(m.joinCode)).toEqual(m);
        expect(await storage.getMeeting('nope')).toBeNull();
        expect(await storage.listParticipants(m.id)).toEqual([f]);
        expect((await storage.listBoards(m.id)).map((b) => b.position)).toEqual([0, 1]);
        expect(await storage.getBoard(boards[0]!.id)).toEqual(boards[0]);
        await expect(storage.ping()).resolves.toBeUndefined();
      }),
    );

    it(
      'refuses a second meeting with the same join code, and a rotated code admits no one',
      withStorage(async ({ storage }) => {
        const a = meeting();
        await storage.createMeeting(a, [], []);
        await expect(
          storage.createMeeting(meeting({ joinCode: a.joinCode }), [], []),
        ).rejects.toThrow();
        await storage.updateJoinCode(a.id, 'NEWCODE1');
        expect(await storage.getMeetingByJoinCode(a.joinCode)).toBeNull();
        expect((await storage.getMeetingByJoinCode('NEWCODE1'))?.id).toBe(a.id);
      }),
    );

    it(
      'updates only the given fields of participants and boards',
      withStorage(async ({ storage }) => {
        const m = meeting();
        const p = participant(m.id);
        const b = board(m.id, 0);
        await storage.createMeeting(m, [p], [b]);
        await storage.updateParticipant(p.id, { name: 'Trần Văn Minh' });
        await storage.updateParticipant(p.id, { removedAt: 2000 });
        expect(await storage.getParticipant(p.id)).toEqual({
          ...p,
          name: 'Trần Văn Minh',
          removedAt: 2000,
        });
        await storage.updateBoard(b.id, { locked: true });
        await storage.updateBoard(b.id, { title: 'Điểm mạnh' });
        expect(await storage.getBoard(b.id)).toEqual({ ...b, locked: true, title: 'Điểm mạnh' });
        const q = participant(m.id, { createdAt: 500 });
        await storage.createParticipant(q);
        expect((await storage.listParticipants(m.id)).map((x) => x.id)).toEqual([q.id, p.id]);
      }),
    );

    it(
      'keeps the update log in order with authors and times, and pages through it',
      withStorage(async ({ storage }) => {
        const id = unique('b');
        const s1 = await storage.appendUpdate(id, bytes(1), 'p-1', 10);
        const s2 = await storage.appendUpdate(id, bytes(2), null, 11);
        await storage.appendUpdate(unique('other'), bytes(9), null, 12);
        const s3 = await storage.appendUpdate(id, bytes(3, 3), 'p-2', 13);
        expect(s1).toBeLessThan(s2);
        expect(s2).toBeLessThan(s3);
        const all = await storage.listUpdates(id);
        expect(all.map((u) => [u.seq, [...u.update], u.participantId, u.createdAt])).toEqual([
          [s1, [1], 'p-1', 10],
          [s2, [2], null, 11],
          [s3, [3, 3], 'p-2', 13],
        ]);
        expect((await storage.listUpdates(id, s1, 1)).map((u) => u.seq)).toEqual([s2]);
      }),
    );

    it(
      'appends a batch in one go, in order, and says where it follows on from',
      withStorage(async ({ storage }) => {
        const id = unique('b');
        const first = await storage.appendUpdates(id, [
          { update: bytes(1), participantId: 'a', createdAt: 1 },
          { update: bytes(2), participantId: 'b', createdAt: 2 },
        ]);
        expect(first.prevSeq).toBe(0);
        expect(first.seqs).toHaveLength(2);
        expect(first.seqs[0]!).toBeLessThan(first.seqs[1]!);
        const second = await storage.appendUpdates(id, [
          { update: bytes(3), participantId: null, createdAt: 3 },
        ]);
        expect(second.prevSeq).toBe(first.seqs[1]);
        expect((await storage.listUpdates(id)).map((u) => [...u.update])).toEqual([[1], [2], [3]]);
      }),
    );

    it(
      'chains concurrent batches from two handles: each follows on from the one before it',
      withStorage(async ({ storage, another }) => {
        const other = await another();
        try {
          const id = unique('b');
          const writes = Array.from({ length: 24 }, (_, i) =>
            (i % 2 === 0 ? storage : other).appendUpdates(id, [
              { update: bytes(i), participantId: null, createdAt: i },
              { update: bytes(i, i), participantId: null, createdAt: i },
            ]),
          );
          const results = (await Promise.all(writes)).sort((a, b) => a.seqs[0]! - b.seqs[0]!);
          let last = 0;
          for (const r of results) {
            expect(r.prevSeq).toBe(last);
            last = r.seqs.at(-1)!;
          }
          expect(await storage.listUpdates(id)).toHaveLength(48);
        } finally {
          await other.close();
        }
      }),
    );

    it(
      'loads the latest snapshot with the rows after it, and never lets a snapshot go back',
      withStorage(async ({ storage }) => {
        const id = unique('b');
        const a = await storage.appendUpdate(id, bytes(1), null, 1);
        const b = await storage.appendUpdate(id, bytes(2), null, 2);
        expect(await storage.loadDocument(id)).toMatchObject({ snapshot: null, snapshotSeq: 0 });
        await storage.saveSnapshot(id, bytes(7, 7), b);
        await storage.saveSnapshot(id, bytes(6), a); // older: ignored
        const c = await storage.appendUpdate(id, bytes(3), 'p', 3);
        const doc = await storage.loadDocument(id);
        expect([...doc.snapshot!]).toEqual([7, 7]);
        expect(doc.snapshotSeq).toBe(b);
        expect(doc.updates.map((u) => u.seq)).toEqual([c]);
      }),
    );

    it(
      'creates a meeting with its first updates all or nothing',
      withStorage(async ({ storage }) => {
        const m = meeting();
        const b = board(m.id, 0);
        await storage.createMeetingWithDocuments(
          m,
          [participant(m.id)],
          [b],
          [{ boardId: b.id, update: bytes(5), createdAt: 1 }],
        );
        expect((await storage.listUpdates(b.id)).map((u) => [...u.update])).toEqual([[5]]);
        const dup = meeting({ joinCode: m.joinCode });
        const b2 = board(dup.id, 0);
        await expect(
          storage.createMeetingWithDocuments(
            dup,
            [],
            [b2],
            [{ boardId: b2.id, update: bytes(1), createdAt: 1 }],
          ),
        ).rejects.toThrow();
        expect(await storage.getMeeting(dup.id)).toBeNull();
        expect(await storage.listUpdates(b2.id)).toEqual([]);
      }),
    );

    it(
      'adds boards at the end and never past the limit, even from two handles at once',
      withStorage(async ({ storage, another }) => {
        const other = await another();
        try {
          const m = meeting();
          await storage.createMeeting(m, [], [board(m.id, 0)]);
          const attempts = Array.from({ length: 8 }, (_, i) => {
            const { position: _p, ...rest } = board(m.id, 0);
            return (i % 2 === 0 ? storage : other).addBoard(rest, bytes(i), 4);
          });
          const added = (await Promise.all(attempts)).filter((b) => b !== null);
          expect(added).toHaveLength(3);
          const boards = await storage.listBoards(m.id);
          expect(boards.map((b) => b.position)).toEqual([0, 1, 2, 3]);
          for (const b of added) expect(await storage.listUpdates(b.id)).toHaveLength(1);
        } finally {
          await other.close();
        }
      }),
    );

    it(
      'keeps the last facilitator: two facilitators demoting each other at once, one wins',
      withStorage(async ({ storage, another }) => {
        const other = await another();
        try {
          const m = meeting();
          const a = participant(m.id, { role: 'facilitator' });
          const b = participant(m.id, { role: 'facilitator' });
          await storage.createMeeting(m, [a, b], []);
          const results = await Promise.all([
            storage.changeParticipant(m.id, a.id, { role: 'participant' }),
            other.changeParticipant(m.id, b.id, { removedAt: 5 }),
          ]);
          expect(results.filter((r) => r.ok)).toHaveLength(1);
          expect(results.find((r) => !r.ok)).toEqual({ ok: false, reason: 'last_facilitator' });
          const left = (await storage.listParticipants(m.id)).filter(
            (p) => p.role === 'facilitator' && p.removedAt === null,
          );
          expect(left).toHaveLength(1);
          expect(await storage.changeParticipant(m.id, 'nobody', { removedAt: 1 })).toEqual({
            ok: false,
            reason: 'not_found',
          });
        } finally {
          await other.close();
        }
      }),
    );
  });
}
