/**
 * The contract every storage adapter keeps (storage.ts), as a test suite an adapter runs
 * with its own factory:
 *
 *   describeStorageContract('sqlite', async () => new SqliteStorage({ file: ':memory:' }));
 *
 * Each test gets a fresh, empty store from `create` and closes it afterwards. The suite
 * says nothing about how an adapter stores things, only what callers may rely on: records
 * come back as written, patches touch only the fields they name, seq numbers increase across
 * the whole store, a write is visible as soon as its promise resolves, snapshots never move
 * backwards, and createMeeting is all or nothing.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BoardRecord, MeetingRecord, ParticipantRecord, Storage } from './storage';
import { matchesDigest } from './snapshot-digest';

let serial = 0;
/** A fresh id of the app's shape, unique within a test run. */
const id = (prefix: string): string => `${prefix}${String(++serial).padStart(8, '0')}`;

function meeting(overrides: Partial<MeetingRecord> = {}): MeetingRecord {
  return {
    id: id('meet'),
    title: 'Hội nghị bàn tròn kế hoạch 2026',
    date: '2026-09-13',
    district: 'Huyện Mẫu',
    planYear: 2026,
    departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
    joinCode: `J${String(serial).padStart(5, '0')}`,
    createdAt: 1_795_000_000_000,
    ...overrides,
  };
}

function participant(
  meetingId: string,
  overrides: Partial<ParticipantRecord> = {},
): ParticipantRecord {
  return {
    id: id('part'),
    meetingId,
    role: 'participant',
    name: 'Chị Lan',
    department: 'Phòng Y tế',
    createdAt: 1_795_000_000_000 + serial,
    removedAt: null,
    ...overrides,
  };
}

function board(meetingId: string, overrides: Partial<BoardRecord> = {}): BoardRecord {
  return {
    id: id('board'),
    meetingId,
    kind: 'swot',
    title: 'Toàn huyện',
    department: null,
    locked: false,
    private: false,
    position: 0,
    createdAt: 1_795_000_000_000 + serial,
    ...overrides,
  };
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);

export function describeStorageContract(name: string, create: () => Promise<Storage>): void {
  describe(`storage contract: ${name}`, () => {
    let store: Storage;
    beforeEach(async () => {
      store = await create();
    });
    afterEach(async () => {
      await store.close();
    });

    it('names itself and answers a ping; once closed, the ping rejects', async () => {
      expect(typeof store.kind).toBe('string');
      expect(store.kind.length).toBeGreaterThan(0);
      await expect(store.ping()).resolves.toBeUndefined();
      await store.close();
      await expect(store.ping()).rejects.toThrow();
      // Closing twice is harmless (shutdown paths may race).
      await expect(store.close()).resolves.toBeUndefined();
    });

    it('returns a meeting as written, by id and by join code; unknown ones are null', async () => {
      const m = meeting();
      await store.createMeeting(m, [], []);
      expect(await store.getMeeting(m.id)).toEqual(m);
      expect(await store.getMeetingByJoinCode(m.joinCode)).toEqual(m);
      expect(await store.getMeeting('nosuchmeeting')).toBeNull();
      expect(await store.getMeetingByJoinCode('ZZZZZZ')).toBeNull();
    });

    it('keeps null fields null and Vietnamese text intact', async () => {
      const m = meeting({
        date: null,
        planYear: null,
        title: 'Ủy ban nhân dân huyện – “Đường liên xã”',
      });
      await store.createMeeting(m, [], []);
      expect(await store.getMeeting(m.id)).toEqual(m);
    });

    it('creates a meeting with its participants and boards, all or nothing', async () => {
      const m = meeting();
      const p = participant(m.id, { role: 'facilitator', department: null });
      const b = board(m.id);
      await store.createMeeting(m, [p], [b]);
      expect(await store.listParticipants(m.id)).toEqual([p]);
      expect(await store.listBoards(m.id)).toEqual([b]);

      // The second board reuses an id: the whole meeting must be refused, nothing kept.
      const broken = meeting();
      const first = board(broken.id);
      await expect(
        store.createMeeting(
          broken,
          [participant(broken.id)],
          [first, { ...board(broken.id), id: first.id }],
        ),
      ).rejects.toThrow();
      expect(await store.getMeeting(broken.id)).toBeNull();
      expect(await store.listParticipants(broken.id)).toEqual([]);
      expect(await store.listBoards(broken.id)).toEqual([]);
    });

    it('a rotated join code finds the meeting; the old one finds nothing', async () => {
      const m = meeting();
      await store.createMeeting(m, [], []);
      await store.updateJoinCode(m.id, 'NEWCOD');
      expect((await store.getMeetingByJoinCode('NEWCOD'))?.id).toBe(m.id);
      expect(await store.getMeetingByJoinCode(m.joinCode)).toBeNull();
      expect((await store.getMeeting(m.id))?.joinCode).toBe('NEWCOD');
    });

    it('lists participants oldest first, removed ones included, only of their meeting', async () => {
      const m = meeting();
      const other = meeting();
      await store.createMeeting(m, [], []);
      await store.createMeeting(other, [participant(other.id)], []);
      const later = participant(m.id, { createdAt: 2000 });
      const earlier = participant(m.id, { createdAt: 1000, removedAt: 1500 });
      await store.createParticipant(later);
      await store.createParticipant(earlier);
      expect(await store.listParticipants(m.id)).toEqual([earlier, later]);
      expect(await store.getParticipant(earlier.id)).toEqual(earlier);
      expect(await store.getParticipant('nosuchperson')).toBeNull();
    });

    it('a participant patch changes only the fields it names', async () => {
      const m = meeting();
      const p = participant(m.id);
      await store.createMeeting(m, [p], []);
      await store.updateParticipant(p.id, { name: 'Anh Tuấn' });
      expect(await store.getParticipant(p.id)).toEqual({ ...p, name: 'Anh Tuấn' });
      await store.updateParticipant(p.id, { role: 'facilitator', removedAt: 1234 });
      expect(await store.getParticipant(p.id)).toEqual({
        ...p,
        name: 'Anh Tuấn',
        role: 'facilitator',
        removedAt: 1234,
      });
      await store.updateParticipant(p.id, {});
      expect((await store.getParticipant(p.id))?.name).toBe('Anh Tuấn');
    });

    it('lists boards by position; a board patch changes only the fields it names', async () => {
      const m = meeting();
      await store.createMeeting(m, [], []);
      const second = board(m.id, { position: 1, title: 'Phòng Y tế', department: 'Phòng Y tế' });
      const first = board(m.id, { position: 0 });
      await store.createBoard(second);
      await store.createBoard(first);
      expect(await store.listBoards(m.id)).toEqual([first, second]);
      await store.updateBoard(second.id, { locked: true });
      expect(await store.getBoard(second.id)).toEqual({ ...second, locked: true });
      await store.updateBoard(second.id, { title: 'Y tế', position: -1 });
      expect(await store.getBoard(second.id)).toEqual({
        ...second,
        locked: true,
        title: 'Y tế',
        position: -1,
      });
      expect((await store.listBoards(m.id)).map((b) => b.id)).toEqual([second.id, first.id]);
      await store.updateBoard(second.id, { locked: false });
      expect((await store.getBoard(second.id))?.locked).toBe(false);
      expect(await store.getBoard('nosuchboard')).toBeNull();
    });

    async function twoBoards(): Promise<[string, string]> {
      const m = meeting();
      const a = board(m.id);
      const b = board(m.id, { position: 1 });
      await store.createMeeting(m, [participant(m.id)], [a, b]);
      return [a.id, b.id];
    }

    it('appends updates with seq numbers that increase across the whole store', async () => {
      const [a, b] = await twoBoards();
      const seqs = [
        await store.appendUpdate(a, bytes(1), null, 10),
        await store.appendUpdate(b, bytes(2), 'someone01', 11),
        await store.appendUpdate(a, bytes(3), 'someone01', 12),
      ];
      expect(seqs[0]).toBeGreaterThan(0);
      expect(seqs[1]).toBeGreaterThan(seqs[0]!);
      expect(seqs[2]).toBeGreaterThan(seqs[1]!);
      const history = await store.listUpdates(a);
      expect(history).toEqual([
        // An update with no participant is the server's own (a board's header).
        { seq: seqs[0], update: bytes(1), participantId: null, createdAt: 10, serverWrite: true },
        {
          seq: seqs[2],
          update: bytes(3),
          participantId: 'someone01',
          createdAt: 12,
          serverWrite: false,
        },
      ]);
    });

    it('gives every byte back exactly, large and empty-looking updates included', async () => {
      const [a] = await twoBoards();
      const big = new Uint8Array(100_000);
      for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 256;
      const zeros = new Uint8Array(17);
      // A view into a larger buffer: only the viewed bytes are stored.
      const view = new Uint8Array(Uint8Array.from([9, 9, 5, 6, 7, 9]).buffer, 2, 3);
      for (const u of [big, zeros, view]) await store.appendUpdate(a, u, null, 1);
      const got = (await store.listUpdates(a)).map((r) => Buffer.from(r.update).toString('hex'));
      const want = [big, zeros, Uint8Array.from([5, 6, 7])].map((u) =>
        Buffer.from(u).toString('hex'),
      );
      expect(got).toEqual(want);
    });

    it('loads a board as its snapshot plus the updates after it', async () => {
      const [a, b] = await twoBoards();
      expect(await store.loadDocument(a)).toEqual({
        snapshot: null,
        snapshotDigest: null,
        snapshotSeq: 0,
        updates: [],
      });
      const s1 = await store.appendUpdate(a, bytes(1), null, 1);
      const s2 = await store.appendUpdate(a, bytes(2), null, 2);
      await store.appendUpdate(b, bytes(99), null, 2);
      const s3 = await store.appendUpdate(a, bytes(3), null, 3);
      expect((await store.loadDocument(a)).updates.map((u) => u.seq)).toEqual([s1, s2, s3]);

      await store.saveSnapshot(a, bytes(7, 7), s2);
      const loaded = await store.loadDocument(a);
      expect(Uint8Array.from(loaded.snapshot ?? [])).toEqual(bytes(7, 7));
      // The bytes are those saved: a load may send them without reading them.
      expect(matchesDigest(loaded.snapshot!, loaded.snapshotDigest)).toBe(true);
      expect(loaded.snapshotSeq).toBe(s2);
      expect(loaded.updates.map((u) => [u.seq, [...u.update]])).toEqual([[s3, [3]]]);
      // The log itself is kept whole for the session record.
      expect((await store.listUpdates(a)).map((u) => u.seq)).toEqual([s1, s2, s3]);
      // Another board is untouched.
      expect((await store.loadDocument(b)).snapshot).toBeNull();
    });

    it('a snapshot never moves backwards', async () => {
      const [a] = await twoBoards();
      const s1 = await store.appendUpdate(a, bytes(1), null, 1);
      const s2 = await store.appendUpdate(a, bytes(2), null, 2);
      await store.saveSnapshot(a, bytes(2, 2), s2);
      await store.saveSnapshot(a, bytes(1, 1), s1);
      const loaded = await store.loadDocument(a);
      expect(loaded.snapshotSeq).toBe(s2);
      expect(Uint8Array.from(loaded.snapshot ?? [])).toEqual(bytes(2, 2));
      // The refused older snapshot left the digest of the kept one as it was.
      expect(matchesDigest(loaded.snapshot!, loaded.snapshotDigest)).toBe(true);
      const s3 = await store.appendUpdate(a, bytes(3), null, 3);
      await store.saveSnapshot(a, bytes(3, 3), s3);
      expect((await store.loadDocument(a)).snapshotSeq).toBe(s3);
      expect((await store.loadDocument(a)).updates).toEqual([]);
    });

    it('lists a history page by page', async () => {
      const [a] = await twoBoards();
      const seqs: number[] = [];
      for (let i = 0; i < 7; i++) seqs.push(await store.appendUpdate(a, bytes(i), null, i));
      const page1 = await store.listUpdates(a, 0, 3);
      const page2 = await store.listUpdates(a, page1.at(-1)!.seq, 3);
      const page3 = await store.listUpdates(a, page2.at(-1)!.seq, 3);
      expect([...page1, ...page2, ...page3].map((u) => u.seq)).toEqual(seqs);
      expect(page3).toHaveLength(1);
      expect(await store.listUpdates(a, seqs.at(-1)!)).toEqual([]);
    });
  });
}
