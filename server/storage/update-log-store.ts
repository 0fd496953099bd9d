/**
 * Group commit and the single write path of scale-out: a room stores every update that
 * arrived while its previous write was on its way to disk as one transaction, and learns
 * where the batch sits in the board's history so it can tell whether it has missed rows
 * written by another server instance.
 */

/** One update to append, with its author and time. */
export interface NewUpdate {
  update: Uint8Array;
  /** Who sent it; null for the server's own writes. */
  participantId: string | null;
  createdAt: number;
  /**
   * Written by the server itself (`BoardWriter`, a limit's correction): the session record
   * trusts author fields only in these. Defaults to `participantId === null`.
   */
  serverWrite?: boolean;
}

/** Where an appended batch sits in the board's history. */
export interface AppendResult {
  /** The seq of each appended row, in the order given. */
  seqs: number[];
  /**
   * The seq of the board's last row before this batch (0 for none). A room that has every
   * row up to `prevSeq` has every row up to the batch's last seq once the batch is applied.
   */
  prevSeq: number;
}

/**
 * Appending to a board's update log. Every adapter guarantees, per board, that rows commit
 * in seq order: a row with a smaller seq is never committed after one with a larger seq of
 * the same board (SQLite has one writer; PostgreSQL takes a per-board lock). So reading the
 * rows after a seq that a reader has seen everything up to is always complete, whichever
 * instance wrote them.
 */
export interface UpdateLogStore {
  /** Appends `rows` to the board's log in one transaction (one fsync), in order. */
  appendUpdates(boardId: string, rows: readonly NewUpdate[]): Promise<AppendResult>;
}
