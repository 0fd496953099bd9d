/**
 * Defensive readers for the fields of one entry (card, item, proposal) of a board document.
 * Content comes from other people's browsers: a malformed field reads as its empty value
 * rather than breaking the board.
 */
import * as Y from 'yjs';

export type EntryMap = Y.Map<unknown>;

/** A string field, or '' when missing or not a string. */
export function strField(map: EntryMap, key: string): string {
  const v = map.get(key);
  return typeof v === 'string' ? v : '';
}

/** A non-negative finite number field (a cost, a count), or null. */
export function amountField(map: EntryMap, key: string): number | null {
  return toAmount(map.get(key));
}

/** `value` when it is a non-negative finite number within `AMOUNT_MAX`, else null. */
export function toAmount(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= AMOUNT_MAX
    ? value
    : null;
}

/** Largest amount a document holds (10^15 VND: far above any district budget). */
export const AMOUNT_MAX = 1e15;

/** The text of a Y.Text field, or '' when missing. */
export function textField(map: EntryMap, key: string): string {
  const v = map.get(key);
  return v instanceof Y.Text ? v.toString() : '';
}

/** Items of a Y.Array field read with `read`, skipping unreadable ones. */
export function listField<T>(map: EntryMap, key: string, read: (v: unknown) => T | null): T[] {
  const v = map.get(key);
  if (!(v instanceof Y.Array)) return [];
  const out: T[] = [];
  for (const item of v.toArray()) {
    const parsed = read(item);
    if (parsed) out.push(parsed);
  }
  return out;
}

/** Appends `value` to the Y.Array field `key`, creating the array if needed. */
export function pushToList(map: EntryMap, key: string, value: object): void {
  let list = map.get(key);
  if (!(list instanceof Y.Array)) {
    list = new Y.Array<unknown>();
    map.set(key, list);
  }
  (list as Y.Array<unknown>).push([value]);
}

/** Both ids (or all fields) of two links equal. */
export function sameLink(a: object, b: object): boolean {
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  return (
    Object.keys(x).every((k) => x[k] === y[k]) && Object.keys(y).length === Object.keys(x).length
  );
}

/** Root map of every board document's header (`{ schemaVersion, kind }`). */
const META = 'meta';

/**
 * Writes a board document's header: its kind and the version of its layout. Each kind's
 * `init…Doc` calls this once, inside its own transaction, when the server creates the board.
 */
export function writeDocHeader(doc: Y.Doc, kind: string, schemaVersion: number): void {
  const meta = doc.getMap(META);
  meta.set('schemaVersion', schemaVersion);
  meta.set('kind', kind);
}

/** The layout version written in a document's header, or 0 when the header is missing. */
export function docSchemaVersion(doc: Y.Doc): number {
  const v = doc.getMap(META).get('schemaVersion');
  return typeof v === 'number' ? v : 0;
}

/** The kind written in a document's header, or null when it is missing. */
export function docKindField(doc: Y.Doc): string | null {
  const kind = doc.getMap(META).get('kind');
  return typeof kind === 'string' ? kind : null;
}
