/**
 * The SQLite update log's group commit: a batch of updates in one transaction, so one fsync
 * (synchronous=FULL) covers every update a room received while its previous write was on its
 * way to disk. SQLite has one writer, so rows commit in seq order by construction.
 */
import type Database from 'better-sqlite3';
import type { AppendResult, NewUpdate } from '../update-log-store';

export class SqliteUpdateLog {
  private readonly insert: Database.Statement<[string, string | null, number, Buffer, number]>;
  private readonly last: Database.Statement<[string], { seq: number | null }>;
  private readonly appendAll: (boardId: string, rows: readonly NewUpdate[]) => AppendResult;

  constructor(db: Database.Database) {
    // Prepared once: the write path runs these for every batch.
    this.insert = db.prepare(
      'INSERT INTO doc_updates (board_id, participant_id, created_at, data, server_write) VALUES (?, ?, ?, ?, ?)',
    );
    this.last = db.prepare('SELECT max(seq) AS seq FROM doc_updates WHERE board_id = ?');
    this.appendAll = db.transaction((boardId: string, rows: readonly NewUpdate[]) =>
      this.appendRows(boardId, rows),
    );
  }

  /** Appends inside the caller's transaction. */
  appendRows(boardId: string, rows: readonly NewUpdate[]): AppendResult {
    const prevSeq = this.last.get(boardId)?.seq ?? 0;
    const seqs = rows.map((r) =>
      Number(
        this.insert.run(
          boardId,
          r.participantId,
          r.createdAt,
          Buffer.from(r.update.buffer, r.update.byteOffset, r.update.byteLength),
          (r.serverWrite ?? r.participantId === null) ? 1 : 0,
        ).lastInsertRowid,
      ),
    );
    return { seqs, prevSeq };
  }

  /** Appends in a transaction of its own. */
  append(boardId: string, rows: readonly NewUpdate[]): AppendResult {
    if (rows.length === 0) return { seqs: [], prevSeq: this.last.get(boardId)?.seq ?? 0 };
    return this.appendAll(boardId, rows);
  }
}
