/**
 * Integration runs on PostgreSQL (BANTRON_TEST_STORAGE=postgres) make one database per test
 * data directory; this drops them when the run ends, and any a crashed run left behind.
 */
import pg from 'pg';

async function dropTestDatabases(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url || process.env.BANTRON_TEST_STORAGE !== 'postgres') return;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'bt\\_test\\_dir\\_%'",
    );
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

export async function setup(): Promise<void> {
  await dropTestDatabases();
}

export async function teardown(): Promise<void> {
  await dropTestDatabases();
}
