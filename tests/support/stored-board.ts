/**
 * Reads what the server stored, straight from `DATA_DIR/bantron.sqlite` (better-sqlite3), so
 * a test can check storage itself rather than what clients resend after a restart, and can
 * damage rows on purpose. Safe while the server runs (WAL: readers never block it).
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import * as Y from 'yjs';

export interface StoredRow {
  seq: number;
  participantId: string | null;
  data: Uint8Array;
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
  return withDb(dataDir, (db) =>
    db
      .prepare<[string], { seq: number; participant_id: string | null; data: Buffer }>(
        'SELECT seq, participant_id, data FROM doc_updates WHERE board_id = ? ORDER BY seq',
      )
      .all(boardId)
      .map((r) => ({ seq: r.seq, participantId: r.participant_id, data: new Uint8Array(r.data) })),
  );
}

/** The board's snapshot row, if one was written. */
export function storedSnapshot(
  dataDir: string,
  boardId: string,
): { uptoSeq: number; data: Uint8Array } | null {
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
