/**
 * Runs the base storage contract on SQLite always, and on PostgreSQL when DATABASE_URL is
 * set (`.ci/run` sets it), each time on a database of its own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'vitest';
import { createTestDatabase, scaleOutUnavailable } from '../../tests/support/scale-out';
import { baseStoreContract } from './base-store.contract';
import { PostgresStorage } from './postgres/postgres-storage';
import { SqliteStorage } from './sqlite/sqlite-storage';

baseStoreContract('sqlite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bantron-contract-'));
  const file = path.join(dir, 'bantron.sqlite');
  const storage = new SqliteStorage({ file });
  return {
    storage,
    another: async () => new SqliteStorage({ file }),
    cleanup: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

const skip = scaleOutUnavailable({ postgres: true });
if (skip) {
  describe('storage contract (base): postgres', () => {
    it.skip(skip, () => {});
  });
} else {
  baseStoreContract('postgres', async () => {
    const db = await createTestDatabase();
    const storage = await PostgresStorage.open({ url: db.url });
    return {
      storage,
      another: () => PostgresStorage.open({ url: db.url }),
      cleanup: async () => {
        await storage.close();
        await db.drop();
      },
    };
  });
}
