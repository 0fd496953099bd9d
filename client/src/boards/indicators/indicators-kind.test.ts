import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRow, cellId, initIndicatorsDoc } from '@shared/doc/indicators';
import { indicatorItemLabel, indicatorsSessionKind } from './indicators-kind';

describe('indicators kind on the client', () => {
  it('labels the cell someone edits with the indicator and the year', () => {
    const doc = new Y.Doc();
    const id = addRow(doc, { author: { id: 'p', name: 'n' }, name: 'Tỷ lệ hộ nghèo' });
    expect(indicatorItemLabel(doc, cellId(id, 'a2024'))).toBe('Tỷ lệ hộ nghèo · 2024');
    expect(indicatorItemLabel(doc, cellId(id, 'notes'))).toBe('Tỷ lệ hộ nghèo');
    expect(indicatorItemLabel(doc, cellId('missingRow', 'a2024'))).toBeNull();
    expect(indicatorItemLabel(doc, 'nodash')).toBeNull();
  });

  it('a document has content once its header or a row is there', () => {
    const empty = new Y.Doc();
    expect(indicatorsSessionKind.hasContent(empty)).toBe(false);
    initIndicatorsDoc(empty, 2024);
    expect(indicatorsSessionKind.hasContent(empty)).toBe(true);
  });
});
