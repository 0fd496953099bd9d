import type { Migration } from './index';

/**
 * SHA-256 of each snapshot's bytes, written with them (storage/snapshot-digest.ts). Snapshots
 * stored before it have none and are read in full before a client gets them, as before.
 */
const migration: Migration = {
  version: 5,
  name: 'snapshot-digest',
  sql: `ALTER TABLE doc_snapshots ADD COLUMN digest BLOB;`,
};

export default migration;
