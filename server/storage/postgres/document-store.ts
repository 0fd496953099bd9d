/**
 * DocumentStore and the update log on PostgreSQL. Appends to one board take a transaction-
 * scoped advisory lock on the board, so rows of a board commit in seq order whichever
 * instance writes them (the guarantee UpdateLogStore states), and one batch is one commit.
 */
import type pg from 'pg';
import type { AppendOptions } from '../record-store';
import type { DocumentStore, StoredDocument, StoredUpdate } from '../storage';
import type { AppendResult, NewUpdate, UpdateLogStore } from '../update-log-store';
import { fromBuffer, toBuffer, transaction, type Queryable } from './pool';
import { toUpdate, UPDATE_COLUMNS, type UpdateRow } from './rows';
import { snapshotDigest } from '../snapshot-digest';

/** Appends inside the caller's transaction. */
export async function appendRows(
  db: Queryable,
  boardId: string,
  rows: readonly NewUpdate[],
): Promise<AppendResult> {
  // Held until commit: the next writer of this board reads our rows as its prevSeq.
  await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`doc:${boardId}`]);
  const head = await db.query<{ prev: number; seqs: number[] }>(
    `SELECT (SELECT COALESCE(max(seq), 0) FROM doc_updates WHERE board_id = $1) AS prev,
            ARRAY(SELECT nextval(pg_get_serial_sequence('doc_updates', 'seq'))
                  FROM generate_series(1, $2::int)) AS seqs`,
    [boardId, rows.length],
  );
  const prevSeq = head.rows[0]?.prev ?? 0;
  // nextval hands out increasing values; sorted, they keep the batch's order.
  const seqs = (head.rows[0]?.seqs ?? []).map(Number).sort((a, b) => a - b);
  if (rows.length > 0) {
    await db.query(
      `INSERT INTO doc_updates (seq, board_id, participant_id, created_at, data, server_write)
       SELECT s, $1, p, c, d, w FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::bytea[], $6::boolean[]) AS t(s, p, c, d, w)`,
      [
        boardId,
        seqs,
        rows.map((r) => r.participantId),
        rows.map((r) => r.createdAt),
        rows.map((r) => toBuffer(r.update)),
        rows.map((r) => r.serverWrite ?? r.participantId === null),
      ],
    );
  }
  return { seqs, prevSeq };
}

export class PgDocumentStore implements DocumentStore, UpdateLogStore {
  constructor(private readonly pool: pg.Pool) {}

  async appendUpdate(
    boardId: string,
    update: Uint8Array,
    participantId: string | null,
    createdAt: number,
    options: AppendOptions = {},
  ): Promise<number> {
    const { seqs } = await this.appendUpdates(boardId, [
      { update, participantId, createdAt, serverWrite: options.serverWrite },
    ]);
    return seqs[0] ?? 0;
  }

  appendUpdates(boardId: string, rows: readonly NewUpdate[]): Promise<AppendResult> {
    return transaction(this.pool, (db) => appendRows(db, boardId, rows));
  }

  loadDocument(boardId: string): Promise<StoredDocument> {
    // One snapshot of the database: the rows read are exactly those after the snapshot read.
    return transaction(
      this.pool,
      async (db) => {
        const snap = await db.query<{ upto_seq: number; data: Buffer; digest: Buffer | null }>(
          'SELECT upto_seq, data, digest FROM doc_snapshots WHERE board_id = $1',
          [boardId],
        );
        const snapshotSeq = snap.rows[0]?.upto_seq ?? 0;
        const updates = await db.query<UpdateRow>(
          `SELECT ${UPDATE_COLUMNS} FROM doc_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq`,
          [boardId, snapshotSeq],
        );
        return {
          snapshot: snap.rows[0] ? fromBuffer(snap.rows[0].data) : null,
          snapshotDigest: snap.rows[0]?.digest ?? null,
          snapshotSeq,
          updates: updates.rows.map(toUpdate),
        };
      },
      'REPEATABLE READ',
    );
  }

  async saveSnapshot(boardId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO doc_snapshots (board_id, upto_seq, created_at, data, digest) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (board_id) DO UPDATE SET upto_seq = excluded.upto_seq, created_at = excluded.created_at, data = excluded.data, digest = excluded.digest
       WHERE excluded.upto_seq > doc_snapshots.upto_seq`,
      [boardId, uptoSeq, Date.now(), toBuffer(state), snapshotDigest(state)],
    );
  }

  async listUpdates(boardId: string, afterSeq = 0, limit = 10_000): Promise<StoredUpdate[]> {
    const { rows } = await this.pool.query<UpdateRow>(
      `SELECT ${UPDATE_COLUMNS} FROM doc_updates WHERE board_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [boardId, afterSeq, Math.min(limit, Number.MAX_SAFE_INTEGER)],
    );
    return rows.map(toUpdate);
  }
}
