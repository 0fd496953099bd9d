/**
 * The hook through which a room shares its board with other server instances. One instance
 * alone uses `localRelay` (it does nothing); with several, `RedisRoomRelay` (server/scale/)
 * carries each stored batch and each awareness change to the instances that have the board
 * open. Only the instance that received an update from its client stores it; the others
 * apply it and relay it to their own connections without storing.
 */

/** A batch of updates one instance stored, as it travels to the others. */
export interface RelayedUpdate {
  /** The batch's updates merged into one. */
  update: Uint8Array;
  /** The board's last seq before the batch (see AppendResult.prevSeq). */
  prevSeq: number;
  /** The seq of the batch's last row. */
  lastSeq: number;
}

/** What a room does with what other instances send. */
export interface RoomRelayHandlers {
  update(message: RelayedUpdate): void;
  awareness(update: Uint8Array): void;
}

/** One room's channel to the other instances. */
export interface RoomRelayChannel {
  /** Sent after the batch is stored, never before. */
  publishUpdate(message: RelayedUpdate): void;
  publishAwareness(update: Uint8Array): void;
  close(): void;
}

export interface RoomRelay {
  /**
   * True when other instances may write the same boards: rooms then catch up from storage
   * when they load a connection, on a schedule and after the relay reconnects, because
   * pub/sub may lose messages.
   */
  readonly shared: boolean;
  join(boardId: string, handlers: RoomRelayHandlers): RoomRelayChannel;
  /** `listener` runs whenever messages may have been missed (the relay reconnected). */
  onResync(listener: () => void): void;
}

const noChannel: RoomRelayChannel = {
  publishUpdate: () => {},
  publishAwareness: () => {},
  close: () => {},
};

/** One process: nothing to share. */
export const localRelay: RoomRelay = {
  shared: false,
  join: () => noChannel,
  onResync: () => {},
};
