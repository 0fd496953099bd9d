/**
 * What a room not yet built answers a newcomer with: the stored snapshot, sent without
 * reading it only when storage found the exact bytes it saved.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { snapshotDigest } from '../../storage/snapshot-digest';
import type { StoredDocument } from '../../storage/storage';
import { StoredState } from './stored-state';

function boardState(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, 'Điểm mạnh');
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}

/** A loaded board whose snapshot carries `digest` (what the adapter stored beside it). */
function stored(snapshot: Uint8Array | null, digest: Uint8Array | null): StoredDocument {
  return { snapshot, snapshotDigest: digest, snapshotSeq: snapshot ? 1 : 0, updates: [] };
}

describe('StoredState', () => {
  it('sends a snapshot that is the bytes storage saved without reading it', () => {
    // Bytes Yjs could not read, with their own digest: only skipping the read returns them.
    const unread = Uint8Array.from([0xff, 0xff, 0xff]);
    expect(new StoredState(stored(unread, snapshotDigest(unread))).cheapUpdate()).toBe(unread);
  });

  it('reads any other snapshot in full and never sends one that does not read', () => {
    const state = boardState();
    expect(new StoredState(stored(state, null)).cheapUpdate()).toBe(state);
    const damaged = state.slice(0, state.byteLength - 3);
    expect(new StoredState(stored(damaged, null)).cheapUpdate()).toBeNull();
    expect(new StoredState(stored(damaged, null)).boundedUpdate(1 << 20)).toBeNull();
    // Damaged after it was saved: the digest is that of the whole snapshot.
    const saved = snapshotDigest(state);
    expect(new StoredState(stored(damaged, saved)).cheapUpdate()).toBeNull();
  });

  it('a board without a snapshot is answered with its rows merged', () => {
    const state = boardState();
    const only = new StoredState({
      snapshot: null,
      snapshotDigest: null,
      snapshotSeq: 0,
      updates: [{ seq: 1, update: state, participantId: null, createdAt: 1, serverWrite: false }],
    });
    const doc = new Y.Doc();
    Y.applyUpdate(doc, only.cheapUpdate()!);
    expect(doc.getText('t').toString()).toBe('Điểm mạnh');
  });
});
