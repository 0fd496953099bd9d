/**
 * Every benchmark edit inserts one marker into a card's text:
 *
 *   {SSSSS.QQQQQQ.TTTTTTTTTTTT}   sender (5 digits), sequence (6), send time in µs (12)
 *
 * Yjs stores inserted text as UTF-8 inside the binary update, so a receiver finds the
 * marker in the raw bytes of whatever the server relays (an update, or a sync step 2
 * carrying several) with one native `indexOf` and a few byte comparisons: no Y.Doc, no
 * decoding. The send time is patched into a pre-encoded message just before it is sent
 * (same length, so the encoded update stays valid), which lets light clients send real Yjs
 * updates without building them on the hot path.
 *
 * Times are `performance.now()` of the generator process in microseconds: every sender and
 * receiver lives in that one process, so the clock is shared.
 */
import { performance } from 'node:perf_hooks';

export const MARKER_LENGTH = 27;
const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const DOT = 0x2e; // .
const ZERO = 0x30;
/** Offset of the 12 time digits inside a marker. */
export const MARKER_TIME_OFFSET = 14;

/** The generator clock, µs. */
export function nowUs(): number {
  return Math.round(performance.now() * 1000);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** The marker text for `sender`'s edit `seq` sent at `timeUs` (0 for a placeholder). */
export function markerText(sender: number, seq: number, timeUs = 0): string {
  return `{${pad(sender, 5)}.${pad(seq, 6)}.${pad(timeUs, 12)}}`;
}

/** Writes `timeUs` as 12 ASCII digits at `offset` of `buf`. */
export function writeTimeDigits(buf: Uint8Array, offset: number, timeUs: number): void {
  let v = timeUs;
  for (let i = 11; i >= 0; i--) {
    buf[offset + i] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  }
}

function readDigits(buf: Uint8Array, offset: number, width: number): number {
  let v = 0;
  for (let i = 0; i < width; i++) {
    const d = (buf[offset + i] as number) - ZERO;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

export type MarkerVisitor = (sender: number, seq: number, sentUs: number) => void;

/** Calls `visit` for every marker in `bytes`; returns how many were found. */
export function scanMarkers(bytes: Uint8Array, visit: MarkerVisitor): number {
  const buf = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let found = 0;
  let at = buf.indexOf(OPEN);
  while (at !== -1 && at + MARKER_LENGTH <= buf.length) {
    if (buf[at + 6] === DOT && buf[at + 13] === DOT && buf[at + MARKER_LENGTH - 1] === CLOSE) {
      const sender = readDigits(buf, at + 1, 5);
      const seq = readDigits(buf, at + 7, 6);
      const sent = readDigits(buf, at + MARKER_TIME_OFFSET, 12);
      if (sender >= 0 && seq >= 0 && sent >= 0) {
        visit(sender, seq, sent);
        found++;
        at = buf.indexOf(OPEN, at + MARKER_LENGTH);
        continue;
      }
    }
    at = buf.indexOf(OPEN, at + 1);
  }
  return found;
}
