/**
 * The SQLite adapter against the storage contract, on a real database file (WAL, as in
 * production), plus what only a file can show: writes survive reopening the file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
