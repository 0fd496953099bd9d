/**
 * Checks an incoming Yjs update before the room applies it. Decoding it fully
 * (`Y.decodeUpdate`) catches truncated and malformed encodings (current lib0 throws where old
 * versions looped forever: yjs issues 479 and 498); the counts bound the work one message can
 * cause; the content whitelist refuses kinds a board never holds (sub-documents would make
 * the server create and keep new documents).
 */
import * as Y from 'yjs';

export interface UpdateLimits {
  /** Most structs (runs of inserted content) in one update. */
  maxStructs: number;
  /** Most deleted ranges in one update. */
  maxDeleteRanges: number;
}

export const DEFAULT_UPDATE_LIMITS: UpdateLimits = { maxStructs: 50_000, maxDeleteRanges: 50_000 };

/** Content kinds a board document uses. */
const ALLOWED_CONTENT = [
  Y.ContentString,
  Y.ContentAny,
  Y.ContentType,
  Y.ContentDeleted,
  Y.ContentJSON,
];

export type UpdateVerdict = { ok: true } | { ok: false; reason: string };

export function checkUpdate(
  update: Uint8Array,
  limits: UpdateLimits = DEFAULT_UPDATE_LIMITS,
): UpdateVerdict {
  if (update.byteLength === 0) return { ok: false, reason: 'empty update' };
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch (err) {
    return {
      ok: false,
      reason: `undecodable update: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
  if (decoded.structs.length > limits.maxStructs) {
    return {
      ok: false,
      reason: `update has ${decoded.structs.length} structs (max ${limits.maxStructs})`,
    };
  }
  let ranges = 0;
  for (const list of decoded.ds.clients.values()) ranges += list.length;
  if (ranges > limits.maxDeleteRanges) {
    return { ok: false, reason: `update deletes ${ranges} ranges (max ${limits.maxDeleteRanges})` };
  }
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    if (!ALLOWED_CONTENT.some((kind) => struct.content instanceof kind)) {
      return {
        ok: false,
        reason: `content kind ${struct.content.constructor.name} is not allowed`,
      };
    }
    // An item can only point at what existed when it was made: never at its own author's
    // later clocks. Yjs throws halfway through applying such an update (after changing the
    // document), so it is refused before it gets there.
    const parent = struct.parent instanceof Y.ID ? struct.parent : null;
    for (const ref of [struct.origin, struct.rightOrigin, parent]) {
      if (ref && ref.client === struct.id.client && ref.clock >= struct.id.clock) {
        return { ok: false, reason: 'item refers to a later item of its own author' };
      }
    }
  }
  return { ok: true };
}
