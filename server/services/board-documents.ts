/**
 * The first stored update of a new board: its document header, written by the server so
 * every replica agrees on the kind and schema version from the start. The header comes from
 * the kind's schema in the registry (shared/doc/kinds.ts); no kind is named here.
 */
import * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { boardKindSchema, type BoardInitContext } from '@shared/doc/kinds';

export function initialBoardUpdate(kind: BoardKind, context?: BoardInitContext): Uint8Array {
  const doc = new Y.Doc();
  boardKindSchema(kind).init(doc, context);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
