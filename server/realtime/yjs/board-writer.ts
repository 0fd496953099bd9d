/**
 * The one server-side write path into a live board. Reveal of private drafts, promotion of a
 * card into a priority list, import and corrections all come through here, so each of them
 * takes the path of a client's edit: applied in the room's queue order, limits enforced,
 * stored with the acting participant as its author, relayed to every open connection, and
 * acknowledged like any other stored update. A board nobody has open is loaded for the write
 * and unloaded afterwards as usual.
 */
import type * as Y from 'yjs';
import type { RoomRegistry } from './room-registry';

export class BoardWriter {
  constructor(private readonly rooms: RoomRegistry) {}

  /**
   * Applies `change` to the document `docId` (a board, or a draft's document name) as one
   * write by `actor` (a participant id; null only for the server's own header writes).
   * `change` runs on a scratch copy inside one transaction: if it throws, nothing is written
   * and the promise rejects with its error. Resolves with whether the document changed.
   */
  write(docId: string, actor: string | null, change: (doc: Y.Doc) => void): Promise<boolean> {
    return this.rooms.withRoom(docId, (room) => room.applyServerChange(change, actor));
  }

  /** Reads `docId` as stored so far: everything received before the call is included. */
  read<T>(docId: string, reader: (doc: Y.Doc) => T): Promise<T> {
    return this.rooms.withRoom(docId, (room) => room.read(reader));
  }
}
