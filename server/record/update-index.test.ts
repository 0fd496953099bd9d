import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { UpdateIndex } from './update-index';

describe('UpdateIndex', () => {
  it('maps items to the update that inserted them and ranges to the updates that deleted them', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (u: Uint8Array) => updates.push(u));
    const text = doc.getText('t');
    text.insert(0, 'abcdef'); // row 0
    text.insert(6, 'gh'); // row 1
    text.delete(1, 2); // row 2: deletes b, c
    text.delete(4, 2); // row 3: deletes f, g (positions shifted)
    text.insert(0, 'z'); // row 4
    const index = new UpdateIndex();
    updates.forEach((u, i) => index.add(i, u));
    const client = doc.clientID;
    expect(index.rowOf({ client, clock: 0 } as Y.ID)).toBe(0);
    expect(index.rowOf({ client, clock: 7 } as Y.ID)).toBe(1);
    expect(index.rowOf({ client, clock: 8 } as Y.ID)).toBe(4);
    expect(index.rowOf({ client: client + 1, clock: 0 } as Y.ID)).toBeNull();
    expect(index.deletersOf(client, 0, 1, 99)).toEqual([]);
    expect(index.deletersOf(client, 1, 1, 99)).toEqual([2]);
    expect(index.deletersOf(client, 0, 8, 99).sort()).toEqual([2, 3]);
    expect(index.deletersOf(client, 5, 2, 99)).toEqual([3]);
    // Only rows below the limit count: the board as it was before row 3.
    expect(index.deletersOf(client, 0, 8, 3)).toEqual([2]);
  });
});
