/**
 * The SQLite adapter against the storage contract, on a real database file (WAL, as in
 * production), plus what only a file can show: writes survive reopening the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { matchesDigest } from '../snapshot-digest';
import { describeStorageContract } from '../storage.contract';
import { SqliteStorage } from './sqlite-storage';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function freshFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantron-contract-'));
  dirs.push(dir);
  return path.join(dir, 'bantron.sqlite');
}

describeStorageContract('sqlite (file)', async () => new SqliteStorage({ file: freshFile() }));
describeStorageContract('sqlite (:memory:)', async () => new SqliteStorage({ file: ':memory:' }));

describe('sqlite storage on disk', () => {
  it('the ping rejects when the database file is deleted or replaced under it', async () => {
    const file = freshFile();
    const store = new SqliteStorage({ file });
    try {
      await expect(store.ping()).resolves.toBeUndefined();
      fs.renameSync(file, `${file}.moved`);
      await expect(store.ping()).rejects.toThrow();
      fs.renameSync(`${file}.moved`, file);
      await expect(store.ping()).resolves.toBeUndefined();
      fs.copyFileSync(file, `${file}.copy`);
      fs.renameSync(`${file}.copy`, file);
      await expect(store.ping()).rejects.toThrow(/replaced/);
    } finally {
      await store.close();
    }
  });

  it('keeps what it stored when the file is opened again', async () => {
    const file = freshFile();
    const first = new SqliteStorage({ file });
    await first.createMeeting(
      {
        id: 'meeting0001',
        title: 'Hội nghị',
        date: null,
        district: 'Huyện Mẫu',
        planYear: null,
        departments: [],
        joinCode: 'QDH36N',
        createdAt: 1,
      },
      [],
      [
        {
          id: 'board00001',
          meetingId: 'meeting0001',
          kind: 'swot',
          title: 'Toàn huyện',
          department: null,
          locked: false,
          private: false,
          position: 0,
          createdAt: 1,
        },
      ],
    );
    const seq = await first.appendUpdate('board00001', Uint8Array.from([1, 2, 3]), null, 5);
    await first.close();
    const second = new SqliteStorage({ file });
    try {
      expect((await second.getMeeting('meeting0001'))?.joinCode).toBe('QDH36N');
      const doc = await second.loadDocument('board00001');
      expect(doc.updates.map((u) => [u.seq, [...u.update]])).toEqual([[seq, [1, 2, 3]]]);
    } finally {
      await second.close();
    }
  });
});

describe('sqlite snapshot digest', () => {
  it('a snapshot changed in the file, or stored before digests were kept, is not intact', async () => {
    const file = freshFile();
    const storage = new SqliteStorage({ file });
    const meeting = { id: 'meeting0002', title: 'Hội nghị', date: null, district: 'Huyện Mẫu' };
    await storage.createMeeting(
      { ...meeting, planYear: null, departments: [], joinCode: 'QDH36P', createdAt: 1 },
      [],
      ['boardaaaa1', 'boardaaaa2'].map((id, position) => ({
        id,
        meetingId: meeting.id,
        kind: 'swot' as const,
        title: 'Toàn huyện',
        department: null,
        locked: false,
        private: false,
        position,
        createdAt: 1,
      })),
    );
    for (const id of ['boardaaaa1', 'boardaaaa2']) {
      const seq = await storage.appendUpdate(id, Uint8Array.from([1]), null, 1);
      await storage.saveSnapshot(id, Uint8Array.from([7, 7, 7]), seq);
      const saved = await storage.loadDocument(id);
      expect(matchesDigest(saved.snapshot!, saved.snapshotDigest)).toBe(true);
    }
    // Another connection to the same file, as a damaged disk or a hand edit would be.
    const raw = new Database(file);
    try {
      raw
        .prepare('UPDATE doc_snapshots SET data = ? WHERE board_id = ?')
        .run(Buffer.from([7, 7, 8]), 'boardaaaa1');
      raw.prepare('UPDATE doc_snapshots SET digest = NULL WHERE board_id = ?').run('boardaaaa2');
    } finally {
      raw.close();
    }
    const damaged = await storage.loadDocument('boardaaaa1');
    expect([...(damaged.snapshot ?? [])]).toEqual([7, 7, 8]);
    expect(matchesDigest(damaged.snapshot!, damaged.snapshotDigest)).toBe(false);
    const older = await storage.loadDocument('boardaaaa2');
    expect([...(older.snapshot ?? [])]).toEqual([7, 7, 7]);
    expect(older.snapshotDigest).toBeNull();
    expect(matchesDigest(older.snapshot!, older.snapshotDigest)).toBe(false);
    await storage.close();
  });
});

describe('sqlite group commit across boards', () => {
  const row = (text: string) => ({
    update: new TextEncoder().encode(text),
    participantId: 'p-1',
    createdAt: 1,
  });

  it('stores the batches of several boards asked for in one turn in one transaction', async () => {
    const store = new SqliteStorage({ file: freshFile() });
    try {
      const log = (store as unknown as { updateLog: Record<string, unknown> }).updateLog;
      const many = vi.spyOn(log as { appendMany: (b: unknown[]) => unknown }, 'appendMany');
      const [a, b] = await Promise.all([
        store.appendUpdates('b-1', [row('a1'), row('a2')]),
        store.appendUpdates('b-2', [row('b1')]),
      ]);
      expect(many).toHaveBeenCalledTimes(1);
      expect(many.mock.calls[0]![0]).toHaveLength(2);
      expect(a.seqs).toHaveLength(2);
      expect(b.seqs).toHaveLength(1);
      expect((await store.listUpdates('b-1')).map((u) => u.seq)).toEqual(a.seqs);
      expect((await store.listUpdates('b-2')).map((u) => u.seq)).toEqual(b.seqs);
    } finally {
      await store.close();
    }
  });

  it('a batch that cannot be stored fails alone; the others of its turn are stored', async () => {
    const store = new SqliteStorage({ file: freshFile() });
    try {
      const broken = { ...row('x'), update: null as unknown as Uint8Array };
      const [good, bad] = await Promise.allSettled([
        store.appendUpdates('b-1', [row('a1')]),
        store.appendUpdates('b-2', [broken]),
      ]);
      expect(good.status).toBe('fulfilled');
      expect(bad.status).toBe('rejected');
      expect(await store.listUpdates('b-1')).toHaveLength(1);
      expect(await store.listUpdates('b-2')).toHaveLength(0);
    } finally {
      await store.close();
    }
  });
});
