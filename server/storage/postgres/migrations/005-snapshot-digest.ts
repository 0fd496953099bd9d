import type { PgMigration } from './index';

/** SHA-256 of each snapshot's bytes, written with them: SQLite's 005. */
const migration: PgMigration = {
  version: 5,
  name: 'snapshot-digest',
  sql: `ALTER TABLE doc_snapshots ADD COLUMN digest BYTEA;`,
};

export default migration;
