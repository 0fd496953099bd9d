/**
 * What a document room needs from one client connection. The WebSocket endpoint adapts a
 * `ws` socket to this; tests and a future cross-instance relay can supply their own.
 */
import type { CloseCode } from '@shared/constants';

export interface RoomConnection {
  /** Unique per connection, for logs. */
  readonly id: string;
  /** Author recorded with every update this connection sends; null for observers. */
  readonly participantId: string | null;
  /** Whether updates from this connection may change the document right now. */
  canWrite(): boolean;
  send(message: Uint8Array): void;
  close(code: CloseCode, reason: string): void;
}
