/**
 * y-websocket's provider, with the document's updates sent in the task after the one that
 * made them, and all the updates of a task merged into one message.
 *
 * y-websocket sends each update inside the Yjs transaction that made it: when typing, inside
 * the key's input event. On a 200-card board at 4× CPU slowdown the WebSocket send was over
 * a third of the input handler (1.8 of 4.9 ms a key), in the task the key's frame waits for.
 * Sent one task later, the key reaches the screen first, and no edit is less safe: the update
 * is in the document (and queued for IndexedDB) either way, and an update that finds the
 * socket closed goes up in the next connection's sync exchange, as every unsent edit does.
 *
 * The same wire protocol, the same messages: a merged update is an ordinary Yjs update.
 */
import * as bc from 'lib0/broadcastchannel';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { NextTaskBatch } from '@client/lib/next-task-batch';
import { syncUpdateMessage } from '@shared/protocol/messages';

type ProviderOptions = ConstructorParameters<typeof WebsocketProvider>[3];

export class BatchedWebsocketProvider extends WebsocketProvider {
  private readonly batch = new NextTaskBatch<Uint8Array>((updates) => this.send(updates));

  constructor(serverUrl: string, roomname: string, doc: Y.Doc, options?: ProviderOptions) {
    super(serverUrl, roomname, doc, options);
    doc.off('update', this._updateHandler);
    // The base class's destroy() unsubscribes `this._updateHandler`: this one.
    this._updateHandler = (update: Uint8Array, origin: unknown): void => {
      // What came from the server is not sent back (as in y-websocket).
      if (origin !== this) this.batch.push(update);
    };
    doc.on('update', this._updateHandler);
  }

  /** Sends what is queued now (the tests' way to send before the next task). */
  flush(): void {
    this.batch.flush();
  }

  /** Sends queued updates as one message. */
  private send(updates: Uint8Array[]): void {
    const message = syncUpdateMessage(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
    // As y-websocket's broadcastMessage. A closed socket is skipped: the next connection's
    // sync exchange sends what the server lacks.
    const ws = this.ws;
    if (this.wsconnected && ws !== null && ws.readyState === ws.OPEN) ws.send(message);
    if (this.bcconnected) bc.publish(this.bcChannel, message, this);
  }

  override destroy(): void {
    this.batch.dispose();
    super.destroy();
  }
}
