/**
 * The view composable on a real Y.Doc. The session here is a minimal stand-in with the
 * session's contract for edits (change/type run a local transaction); the real one adds
 * IndexedDB and the WebSocket, which the browser tests cover.
 */
import { describe, expect, it } from 'vitest';
import { effectScope, ref, shallowRef } from 'vue';
import * as Y from 'yjs';
import { initIndicatorsDoc, listRows, readCell, readSettings } from '@shared/doc/indicators';
import type { BoardSession } from '../useBoardSession';
import { pasteColumns, tableColumns } from './table-columns';
import { useIndicatorsBoard } from './useIndicatorsBoard';

function session(doc: Y.Doc): BoardSession {
  const revision = ref(0);
  doc.on('update', () => revision.value++);
  const run = <T>(f: (d: Y.Doc) => T): T => {
    let out!: T;
    doc.transact(() => (out = f(doc)), 'local');
    return out;
  };
  return {
    doc: shallowRef(doc),
    revision,
    change: run,
    type: (_key: string, f: (d: Y.Doc) => void) => run(f),
  } as unknown as BoardSession;
}

function setup() {
  const doc = new Y.Doc();
  initIndicatorsDoc(doc, 2024);
  const scope = effectScope();
  const board = scope.run(() =>
    useIndicatorsBoard({
      session: session(doc),
      author: { id: 'p1', name: 'Lan' },
      department: 'Phòng Y tế',
    }),
  )!;
  return { doc, board };
}

describe('useIndicatorsBoard', () => {
  it('pastes a block right and down from a cell, adding rows past the end', () => {
    const { doc, board } = setup();
    const first = board.addRow({ name: 'A' })!;
    const cols = pasteColumns(tableColumns(readSettings(doc)));
    const start = cols.findIndex((c) => c.key === 'a2023');
    const n = board.paste(
      [
        ['1.234,5', '12x'],
        ['7', '8'],
      ],
      cols,
      { row: 0, col: start },
      [first],
      'vi',
    );
    expect(n).toBe(4);
    const rows = listRows(doc);
    expect(rows).toHaveLength(2);
    expect(readCell(rows[0]!.cells.a2023).value).toBe(1234.5);
    expect(readCell(rows[0]!.cells.a2024)).toMatchObject({ raw: '12x', invalid: true });
    expect(rows[1]!.department).toBe('Phòng Y tế');
    expect(readCell(rows[1]!.cells.a2024).value).toBe(8);
    // A block starting in the name column fills texts, then numbers.
    board.paste(
      [['Thu nhập', 'triệu đồng', '30']],
      cols,
      { row: 1, col: 0 },
      rows.map((r) => r.id),
      'vi',
    );
    expect(listRows(doc)[1]).toMatchObject({ name: 'Thu nhập', unit: 'triệu đồng' });
    expect(readCell(listRows(doc)[1]!.cells.a2020).value).toBe(30);
  });

  it('imports: same name and department updates the row, others are added', () => {
    const { doc, board } = setup();
    board.addRow({ name: 'Tỷ lệ hộ nghèo', department: 'Phòng Y tế' });
    const counts = board.importRows([
      {
        name: ' tỷ lệ  hộ nghèo ',
        department: 'Phòng Y tế',
        higherIsBetter: false,
        cells: { a2024: { raw: '9.5', locale: 'en' } },
      },
      { name: 'Tỷ lệ hộ nghèo', department: 'Phòng Dân tộc', cells: {} },
    ]);
    expect(counts).toEqual({ added: 1, updated: 1 });
    const rows = listRows(doc);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.higherIsBetter).toBe(false);
    expect(readCell(rows[0]!.cells.a2024).value).toBe(9.5);
  });

  it('starts from the district indicators once', () => {
    const { doc, board } = setup();
    expect(board.startFromTemplates()).toBe(7);
    expect(board.startFromTemplates()).toBe(0);
    expect(listRows(doc)).toHaveLength(7);
  });
});
