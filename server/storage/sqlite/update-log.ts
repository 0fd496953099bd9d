/**
 * The SQLite update log's group commit: a batch of updates in one transaction, so one fsync
 * (synchronous=FULL) covers every update a room received while its previous write was on its
 * way to disk. SQLite has one writer, so rows commit in seq order by construction.
 *
 * Batches of different boards asked for in the same turn of the event loop share one
 * transaction too (`appendSoon`): every room runs its group commit in the same check phase,
 * so with many boards busy at once the server pays one fsync per turn, not one per board.
 */
import type Database from 'better-sqlite3';
import type { AppendResult, NewUpdate } from '../update-log-store';

interface QueuedAppend {
  boardId: string;
  rows: readonly NewUpdate[];
  resolve: (result: AppendResult) => void;
  reject: (err: unknown) => void;
}

export class SqliteUpdateLog {
  private readonly insert: Database.Statement<[string, string | null, number, Buffer, number]>;
  private readonly last: Database.Statement<[string], { seq: number | null }>;
  private readonly appendAll: (boardId: string, rows: readonly NewUpdate[]) => AppendResult;
  private readonly appendMany: (batches: readonly QueuedAppend[]) => AppendResult[];
  private readonly queued: QueuedAppend[] = [];

  constructor(db: Database.Database) {
    // Prepared once: the write path runs these for every batch.
    this.insert = db.prepare(
      'INSERT INTO doc_updates (board_id, participant_id, created_at, data, server_write) VALUES (?, ?, ?, ?, ?)',
    );
    this.last = db.prepare('SELECT max(seq) AS seq FROM doc_updates WHERE board_id = ?');
    this.appendAll = db.transaction((boardId: string, rows: readonly NewUpdate[]) =>
      this.appendRows(boardId, rows),
    );
    this.appendMany = db.transaction((batches: readonly QueuedAppend[]) =>
      batches.map((b) => this.appendRows(b.boardId, b.rows)),
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

  /**
   * Appends in a transaction shared with the other boards' batches asked for in this turn of
   * the event loop, committed at the end of the turn. If that transaction fails, each batch
   * is tried alone, so a failure reaches only the board it belongs to.
   */
  appendSoon(boardId: string, rows: readonly NewUpdate[]): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queued.push({ boardId, rows, resolve, reject });
      if (this.queued.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const batch = this.queued.splice(0);
    let results: AppendResult[];
    try {
      results = this.appendMany(batch);
    } catch {
      for (const entry of batch) {
        try {
          entry.resolve(this.append(entry.boardId, entry.rows));
        } catch (err) {
          entry.reject(err);
        }
      }
      return;
    }
    batch.forEach((entry, i) => entry.resolve(results[i]!));
  };

  /** Appends in a transaction of its own. */
  append(boardId: string, rows: readonly NewUpdate[]): AppendResult {
    if (rows.length === 0) return { seqs: [], prevSeq: this.last.get(boardId)?.seq ?? 0 };
    return this.appendAll(boardId, rows);
  }
}
