/**
 * The cross-instance relay of board rooms over Redis pub/sub: channel `yjs:<boardId>`. Each
 * message names the instance that sent it (which ignores its own) and is either a stored
 * batch (with its place in the board's history, so a receiver can tell it missed rows) or an
 * awareness change. Receivers never store what they get: the sender did, before publishing.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { RoomRelay, RoomRelayChannel, RoomRelayHandlers } from '../realtime/yjs/room-relay';
import type { Logger } from '../logger';
import type { RedisHub } from './redis-hub';

const KIND_UPDATE = 0;
const KIND_AWARENESS = 1;

export class RedisRoomRelay implements RoomRelay {
  readonly shared = true;

  constructor(
    private readonly hub: RedisHub,
    private readonly log: Logger,
  ) {}

  join(boardId: string, handlers: RoomRelayHandlers): RoomRelayChannel {
    const channel = `yjs:${boardId}`;
    const self = this.hub.instanceId;
    const unsubscribe = this.hub.subscribe(channel, (message) => {
      try {
        const d = decoding.createDecoder(
          new Uint8Array(message.buffer, message.byteOffset, message.byteLength),
        );
        if (decoding.readVarString(d) === self) return;
        const kind = decoding.readVarUint(d);
        if (kind === KIND_UPDATE) {
          const prevSeq = decoding.readVarUint(d);
          const lastSeq = decoding.readVarUint(d);
          handlers.update({ prevSeq, lastSeq, update: decoding.readVarUint8Array(d) });
        } else if (kind === KIND_AWARENESS) handlers.awareness(decoding.readVarUint8Array(d));
      } catch (err) {
        this.log.warn('unreadable relay message ignored', {
          boardId,
          error: err instanceof Error ? err.message : String(err),
        });
      }
    });
    const send = (write: (e: encoding.Encoder) => void): void => {
      const e = encoding.createEncoder();
      encoding.writeVarString(e, self);
      write(e);
      this.hub.publish(channel, Buffer.from(encoding.toUint8Array(e)));
    };
    return {
      publishUpdate: ({ update, prevSeq, lastSeq }) =>
        send((e) => {
          encoding.writeVarUint(e, KIND_UPDATE);
          encoding.writeVarUint(e, prevSeq);
          encoding.writeVarUint(e, lastSeq);
          encoding.writeVarUint8Array(e, update);
        }),
      publishAwareness: (update) =>
        send((e) => {
          encoding.writeVarUint(e, KIND_AWARENESS);
          encoding.writeVarUint8Array(e, update);
        }),
      close: unsubscribe,
    };
  }

  onResync(listener: () => void): void {
    this.hub.onResync(listener);
  }
}
