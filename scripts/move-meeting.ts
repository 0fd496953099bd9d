/**
 * Moves a meeting from a laptop's SQLite file to the shared PostgreSQL (docs/deploy.md):
 *
 *   DATABASE_URL=postgres://… npx tsx scripts/move-meeting.ts ./data/bantron.sqlite <meetingId>
 *
 * Run it with the laptop's server stopped, or on a copy of its data directory. The copy is
 * one transaction: it lands whole or not at all, and never over an existing meeting.
 */
import fs from 'node:fs';
import { moveMeeting } from '../server/storage/move-meeting';
import { PostgresStorage } from '../server/storage/postgres/postgres-storage';
import { SqliteStorage } from '../server/storage/sqlite/sqlite-storage';

const [file, meetingId] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
if (!file || !meetingId || !url) {
  console.error(
    'usage: DATABASE_URL=postgres://… tsx scripts/move-meeting.ts <bantron.sqlite> <meetingId>',
  );
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`no such file: ${file}`);
  process.exit(2);
}
const from = new SqliteStorage({ file });
const to = await PostgresStorage.open({ url });
try {
  const moved = await moveMeeting(from, to, meetingId);
  console.info(
    `moved meeting ${meetingId}: ${moved.boards} boards, ${moved.updates} stored updates`,
  );
} catch (err) {
  console.error(`not moved: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  await from.close();
  await to.close();
}
