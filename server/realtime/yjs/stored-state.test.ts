/**
 * What a room not yet built answers a newcomer with: the stored snapshot, sent without
 * reading it only when storage found the exact bytes it saved.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredDocument } from '../../storage/storage';
import { StoredState } from './stored-state';

function boardState(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'Điểm mạnh');
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

function stored(snapshot: Uint8Array | null, snapshotIntact: boolean): StoredDocument {
  return { snapshot, snapshotIntact, snapshotSeq: snapshot ? 1 : 0, updates: [] };
}

describe('StoredState', () => {
  it('sends a snapshot that is the bytes storage saved without reading it', () => {
    // Bytes Yjs could not read, marked intact: only skipping the read returns them.
    const unread = Uint8Array.from([0xff, 0xff, 0xff]);
    expect(new StoredState(stored(unread, true)).cheapUpdate()).toBe(unread);
  });

  it('reads any other snapshot in full and never sends one that does not read', () => {
    const state = boardState();
    expect(new StoredState(stored(state, false)).cheapUpdate()).toBe(state);
    const damaged = state.slice(0, state.byteLength - 3);
    expect(new StoredState(stored(damaged, false)).cheapUpdate()).toBeNull();
    expect(new StoredState(stored(damaged, false)).boundedUpdate(1 << 20)).toBeNull();
  });

  it('a board without a snapshot is answered with its rows merged', () => {
    const state = boardState();
    const only = new StoredState({
      snapshot: null,
      snapshotIntact: false,
      snapshotSeq: 0,
      updates: [{ seq: 1, update: state, participantId: null, createdAt: 1, serverWrite: false }],
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, only.cheapUpdate()!);
    expect(doc.getText('t').toString()).toBe('Điểm mạnh');
  });
});
