import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView, editCardText } from '@shared/doc/swot-board';
import { createLogger } from '../../logger';
import { applyStoredHistory } from './stored-history';

const log = createLogger('silent');
const author = { id: 'a', name: 'A', department: 'D' };

/** One browser session's edits, each as its own stored row. */
function session(): Uint8Array[] {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  const ids = ['một', 'hai', 'ba', 'bốn'].map((text) =>
    addCard(doc, { quadrant: 'strengths', author, text }),
  );
  editCardText(doc, ids[3]!, 'bốn (sửa)');
  return rows;
}

function texts(doc: Y.Doc): string[] {
  return boardView(doc).strengths.map((c) => c.text);
}

describe('applyStoredHistory', () => {
  it('loads an intact history', () => {
    const doc = new Y.Doc();
    applyStoredHistory(
      doc,
      session().map((update, i) => ({ seq: i + 1, update })),
      log,
      'b',
    );
    expect(texts(doc)).toEqual(['một', 'hai', 'ba', 'bốn (sửa)']);
  });

  it('skips a damaged row and still loads the later edits of the same author', () => {
    const rows = session().map((update, i) => ({ seq: i + 1, update }));
    rows[1] = { seq: 2, update: new Uint8Array([1, 2, 3]) }; // "hai" is gone
    const doc = new Y.Doc();
    applyStoredHistory(doc, rows, log, 'b');
    expect(texts(doc)).toEqual(['một', 'ba', 'bốn (sửa)']);
    expect(doc.store.pendingStructs).toBeNull();
  });

  it('also recovers from a truncated row', () => {
    const rows = session().map((update, i) => ({ seq: i + 1, update }));
    rows[0] = { seq: 1, update: rows[0]!.update.slice(0, 9) };
    const doc = new Y.Doc();
    applyStoredHistory(doc, rows, log, 'b');
    expect(texts(doc)).toEqual(['hai', 'ba', 'bốn (sửa)']);
  });
});
