/**
 * What the scale-out tests need from the machine: PostgreSQL and Redis, from DATABASE_URL and
 * REDIS_URL (`.ci/run` sets both). Each test makes its own database and Redis key prefix and
 * removes them afterwards, so runs never see each other's data.
 */
import { Redis } from 'ioredis';
import pg from 'pg';
import { randomString } from '@shared/ids';

export const DATABASE_URL = process.env.DATABASE_URL ?? '';
export const REDIS_URL = process.env.REDIS_URL ?? '';

/** Why a scale-out test is skipped here, or null when it can run. */
export function scaleOutUnavailable(needs: { postgres?: boolean; redis?: boolean }): string | null {
  const missing = [
    needs.postgres && !DATABASE_URL ? 'DATABASE_URL' : null,
    needs.redis && !REDIS_URL ? 'REDIS_URL' : null,
  ].filter(Boolean);
  return missing.length > 0
    ? `skipped: ${missing.join(' and ')} not set (\`.ci/run\` sets them; see docs/deploy.md)`
    : null;
}

/** Databases these tests create start with this, so a crashed run's leftovers are recognisable. */
export const TEST_DATABASE_PREFIX = 'bt_test_';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  drop(): Promise<void>;
}

/** Creates (or, given a name, reuses) a database of its own for one test. */
export async function createTestDatabase(name?: string): Promise<TestDatabase> {
  const database =
    name ?? `${TEST_DATABASE_PREFIX}${randomString(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
  await admin(async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  });
  return {
    name: database,
    url: withDatabase(DATABASE_URL, database),
    drop: () =>
      admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      }),
  };
}

/** Runs one query on a test database. */
export async function queryDatabase<R extends pg.QueryResultRow>(
  url: string,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

export interface TestRedis {
  /** Key and channel prefix of this test. */
  readonly prefix: string;
  readonly client: Redis;
  /** Deletes every key under the prefix and disconnects. */
  cleanup(): Promise<void>;
}

export async function createTestRedis(): Promise<TestRedis> {
  const prefix = `bt-test:${randomString(10, 'abcdefghijklmnopqrstuvwxyz0123456789')}:`;
  const client = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  return {
    prefix,
    client,
    async cleanup() {
      let cursor = '0';
      do {
        const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await client.del(...keys);
      } while (cursor !== '0');
      client.disconnect();
    },
  };
}
