/**
 * The digest kept beside a stored snapshot: SHA-256 of its bytes, written by the storage
 * adapter when it saves the snapshot and compared when it loads it. Bytes that match are
 * exactly the ones `saveSnapshot` was given, an encoding of a built document, so a load can
 * send them to a client without reading every struct first. Yjs parsing 110 KiB is 10 ms
 * with warm code and 30–50 ms in a process that has just started, on the path of the first
 * newcomer after a restart; hashing them is a quarter of a millisecond.
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
