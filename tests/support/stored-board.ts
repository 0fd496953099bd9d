/**
 * Reads what the server stored, straight from `DATA_DIR/bantron.sqlite` (better-sqlite3), so
 * a test can check storage itself rather than what clients resend after a restart, and can
 * damage rows on purpose. Safe while the server runs (WAL: readers never block it).
 *
 * When the suite runs on PostgreSQL (BANTRON_TEST_STORAGE=postgres) the reads go to the data
 * directory's database through `psql`, synchronously like the SQLite ones, so the same tests
 * check the same rows on both adapters. Damaging rows stays a SQLite-file test.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { onSqlite, testDatabaseName } from './server-process';

/** Rows of one query on the data directory's PostgreSQL database, as tab-separated text. */
function psqlRows(dataDir: string, sql: string): string[][] {
  const url = new URL(process.env.DATABASE_URL ?? '');
  url.pathname = `/${testDatabaseName(dataDir)}`;
  const out = execFileSync(
    'psql',
    [url.toString(), '-X', '-q', '-A', '-t', '-F', '\t', '-c', sql],
    {
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  return out
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

/** Overwrites the `data` of stored rows (the server must be stopped); returns rows changed. */
export function overwriteRows(dataDir: string, rows: { seq: number; data: Uint8Array }[]): number {
  if (!onSqlite) {
    let changed = 0;
    for (const row of rows) {
      changed += psqlRows(
        dataDir,
        `UPDATE doc_updates SET data = decode('${Buffer.from(row.data).toString('hex')}', 'hex') WHERE seq = ${Number(row.seq)} RETURNING seq`,
      ).length;
    }
    return changed;
  }
  const db = openDatabase(dataDir, false);
  try {
    const update = db.prepare('UPDATE doc_updates SET data = ? WHERE seq = ?');
    return rows.reduce((n, row) => n + update.run(Buffer.from(row.data), row.seq).changes, 0);
  } finally {
    db.close();
  }
}

/**
 * Makes the database itself refuse every new row of the update log (a full disk, as far as
 * the server can tell), or lifts that again. Safe while the server runs.
 */
export function refuseUpdateRows(dataDir: string, refuse: boolean): void {
  if (!onSqlite) {
    psqlRows(
      dataDir,
      refuse
        ? `CREATE FUNCTION test_disk_full() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk full (test)'; END $$;
           CREATE TRIGGER test_disk_full BEFORE INSERT ON doc_updates FOR EACH STATEMENT EXECUTE FUNCTION test_disk_full();`
        : 'DROP TRIGGER test_disk_full ON doc_updates; DROP FUNCTION test_disk_full();',
    );
    return;
  }
  const db = openDatabase(dataDir, false);
  try {
    db.exec(
      refuse
        ? "CREATE TRIGGER test_disk_full BEFORE INSERT ON doc_updates BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END"
        : 'DROP TRIGGER test_disk_full',
    );
  } finally {
    db.close();
  }
}

/** Overwrites a board's stored snapshot with bytes no Yjs decoder accepts. */
export function damageSnapshot(dataDir: string, boardId: string): void {
  const garbage = Buffer.alloc(16, 0xff);
  if (!onSqlite) {
    psqlRows(
      dataDir,
      `UPDATE doc_snapshots SET data = decode('${garbage.toString('hex')}', 'hex') WHERE board_id = ${literal(boardId)}`,
    );
    return;
  }
  const db = openDatabase(dataDir, false);
  try {
    db.prepare('UPDATE doc_snapshots SET data = ? WHERE board_id = ?').run(garbage, boardId);
  } finally {
    db.close();
  }
}

/** A board id as an SQL literal (ids are our own random [A-Za-z0-9] strings). */
function literal(id: string): string {
  if (!/^[\w-]+$/.test(id)) throw new Error(`unexpected id ${id}`);
  return `'${id}'`;
}

export interface StoredRow {
  seq: number;
  participantId: string | null;
  data: Uint8Array;
  /** When the server received it (ms); the history tests replay up to a moment. */
  createdAt?: number;
}

export function databaseFile(dataDir: string): string {
  return path.join(dataDir, 'bantron.sqlite');
}

/** Opens the server's database; close it before the server starts again if you write. */
export function openDatabase(dataDir: string, readonly = true): Database.Database {
  return new Database(databaseFile(dataDir), { readonly, fileMustExist: true });
}

function withDb<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = openDatabase(dataDir);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

/** Every stored update of a board, in order. */
export function storedUpdates(dataDir: string, boardId: string): StoredRow[] {
  if (!onSqlite) {
    return psqlRows(
      dataDir,
      `SELECT seq, coalesce(participant_id, ''), encode(data, 'hex'), created_at FROM doc_updates WHERE board_id = ${literal(boardId)} ORDER BY seq`,
    ).map(([seq, participant, hex, createdAt]) => ({
      seq: Number(seq),
      participantId: participant === '' || participant === undefined ? null : participant,
      data: new Uint8Array(Buffer.from(hex ?? '', 'hex')),
      createdAt: Number(createdAt),
    }));
  }
  return withDb(dataDir, (db) =>
    db
      .prepare<
        [string],
        { seq: number; participant_id: string | null; data: Buffer; created_at: number }
      >(
        'SELECT seq, participant_id, data, created_at FROM doc_updates WHERE board_id = ? ORDER BY seq',
      )
      .all(boardId)
      .map((r) => ({
        seq: r.seq,
        participantId: r.participant_id,
        data: new Uint8Array(r.data),
        createdAt: r.created_at,
      })),
  );
}

/** How many meetings the server stored. */
export function storedMeetingCount(dataDir: string): number {
  if (!onSqlite) return Number(psqlRows(dataDir, 'SELECT count(*) FROM meetings')[0]?.[0]);
  return withDb(
    dataDir,
    (db) => db.prepare<[], { n: number }>('SELECT count(*) AS n FROM meetings').get()!.n,
  );
}

/** Who a round's stored ballots belong to and who entered them. */
export function storedBallots(
  dataDir: string,
  roundId: string,
): { participantId: string; castBy: string; proxy: boolean }[] {
  if (!onSqlite)
    return psqlRows(
      dataDir,
      `SELECT participant_id, cast_by, proxy FROM ballots WHERE round_id = ${literal(roundId)}`,
    ).map(([participantId, castBy, proxy]) => ({
      participantId: participantId!,
      castBy: castBy!,
      proxy: proxy === 't',
    }));
  return withDb(dataDir, (db) =>
    db
      .prepare<[string], { participant_id: string; cast_by: string; proxy: number }>(
        'SELECT participant_id, cast_by, proxy FROM ballots WHERE round_id = ?',
      )
      .all(roundId)
      .map((r) => ({ participantId: r.participant_id, castBy: r.cast_by, proxy: r.proxy === 1 })),
  );
}

/** The board's snapshot row, if one was written. */
export function storedSnapshot(
  dataDir: string,
  boardId: string,
): { uptoSeq: number; data: Uint8Array } | null {
  if (!onSqlite) {
    const [row] = psqlRows(
      dataDir,
      `SELECT upto_seq, encode(data, 'hex') FROM doc_snapshots WHERE board_id = ${literal(boardId)}`,
    );
    return row
      ? { uptoSeq: Number(row[0]), data: new Uint8Array(Buffer.from(row[1] ?? '', 'hex')) }
      : null;
  }
  return withDb(dataDir, (db) => {
    const row = db
      .prepare<[string], { upto_seq: number; data: Buffer }>(
        'SELECT upto_seq, data FROM doc_snapshots WHERE board_id = ?',
      )
      .get(boardId);
    return row ? { uptoSeq: row.upto_seq, data: new Uint8Array(row.data) } : null;
  });
}

/** The board as stored: its snapshot plus every update after it, applied to a new Y.Doc. */
export function loadStoredBoard(dataDir: string, boardId: string): Y.Doc {
  const doc = new Y.Doc();
  const snapshot = storedSnapshot(dataDir, boardId);
  if (snapshot) Y.applyUpdate(doc, snapshot.data);
  for (const row of storedUpdates(dataDir, boardId)) {
    if (row.seq > (snapshot?.uptoSeq ?? 0)) Y.applyUpdate(doc, row.data);
  }
  return doc;
}

/**
 * Struct ranges stored twice: the server stores only the effective part of each update,
 * so no Yjs operation (client, clock) may appear in two rows. Lists every overlap.
 */
export function duplicatedRanges(rows: readonly StoredRow[]): string[] {
  const ranges = new Map<number, { from: number; to: number; seq: number }[]>();
  for (const row of rows) {
    const meta = Y.parseUpdateMeta(row.data);
    for (const [client, from] of meta.from) {
      const to = meta.to.get(client) ?? from;
      if (to <= from) continue;
      const list = ranges.get(client) ?? [];
      list.push({ from, to, seq: row.seq });
      ranges.set(client, list);
    }
  }
  const problems: string[] = [];
  for (const [client, list] of ranges) {
    list.sort((a, b) => a.from - b.from);
    for (let i = 1; i < list.length; i++) {
      const prev = list[i - 1]!;
      const cur = list[i]!;
      if (cur.from < prev.to) {
        problems.push(
          `client ${client}: clocks ${cur.from}..${Math.min(prev.to, cur.to)} stored in rows ${prev.seq} and ${cur.seq}`,
        );
      }
    }
  }
  return problems;
}
