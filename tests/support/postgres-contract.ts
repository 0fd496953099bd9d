/**
 * PostgreSQL runs of the storage contracts (server/storage/*.contract.ts). Each storage the
 * contract opens gets a database of its own, so a contract written against a fresh SQLite
 * `:memory:` sees a fresh database here too; every one is dropped after the file's tests.
 */
import { afterAll, describe, it } from 'vitest';
import { PostgresStorage } from '@server/storage/postgres/postgres-storage';
import { createTestDatabase, scaleOutUnavailable, type TestDatabase } from './scale-out';

/**
 * Calls `run` with a factory of PostgreSQL storages when DATABASE_URL is set; otherwise
 * registers one skipped test named `suite` that says why.
 */
export function onPostgres(
  suite: string,
  run: (open: () => Promise<PostgresStorage>) => void,
): void {
  const skip = scaleOutUnavailable({ postgres: true });
  if (skip) {
    describe(`${suite}: postgres`, () => {
      it.skip(skip, () => {});
    });
    return;
  }
  const databases: TestDatabase[] = [];
  afterAll(async () => {
    // WITH (FORCE) in drop() also ends connections a failed test left open.
    for (const db of databases.splice(0)) await db.drop();
  });
  run(async () => {
    const db = await createTestDatabase();
    databases.push(db);
    return PostgresStorage.open({ url: db.url, poolSize: 4 });
  });
}
