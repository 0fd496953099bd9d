/**
 * The digest kept beside a stored snapshot: SHA-256 of its bytes, written by the storage
 * adapter when it saves the snapshot and compared by the reader that would send it unread
 * (realtime/yjs/stored-state.ts), so a load that builds the board never hashes. Bytes that
 * match are exactly the ones `saveSnapshot` was given, an encoding of a built document, so
 * they can go to a client without reading every struct first. Yjs reading a 230 KiB snapshot
 * took 46–51 ms on its first call in a fresh process (8–17 ms later on), on the path of the
 * first newcomer after a restart; hashing it takes a quarter of a millisecond.
 */
import { createHash } from 'node:crypto';

export function snapshotDigest(state: Uint8Array): Buffer {
  return createHash('sha256').update(state).digest();
}

/** Whether `state` is what was saved with `digest`; false without one (stored before 005). */
export function matchesDigest(state: Uint8Array, digest: Uint8Array | null | undefined): boolean {
  if (!digest) return false;
  return snapshotDigest(state).equals(digest);
}
