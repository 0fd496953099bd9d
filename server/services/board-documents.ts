/**
 * The first stored update of a new board: its document header, written by the server so
 * every replica agrees on the schema version from the start.
 */
import * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { initSwotDoc } from '@shared/doc/swot-board';

export function initialBoardUpdate(kind: BoardKind): Uint8Array {
  const doc = new Y.Doc();
  switch (kind) {
    case 'swot':
      initSwotDoc(doc);
      break;
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
