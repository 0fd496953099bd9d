/**
 * The checks an indicators board adds to the generic entry limits (board-limits.ts): every
 * number cell is a `{ raw, locale }` entry under a known key with a bounded text, and the
 * settings stay within their bounds. As with the other limits, a broken rule is answered
 * with a correcting edit (the bad cell removed, a bad setting reset), stored and relayed like
 * any other update, so every replica converges on a valid table.
 */
import * as Y from 'yjs';
import {
  DEFAULT_YEAR_COUNT,
  defaultLastYear,
  isCellKey,
  isValidLastYear,
  isValidYearCount,
  rowsMap,
  settingsMap,
  toCellValue,
} from '@shared/doc/indicators';

/** Defines the root types the checks watch (see prepareEntryLimits). */
export function prepareIndicatorLimits(doc: Y.Doc): void {
  rowsMap(doc);
  settingsMap(doc);
}

function badCellKeys(cells: Y.Map<unknown>, keys: Iterable<string | null>): string[] {
  const bad: string[] = [];
  for (const key of keys) {
    if (key === null || !cells.has(key)) continue;
    if (!isCellKey(key) || toCellValue(cells.get(key)) === null) bad.push(key);
  }
  return bad;
}

/** Corrects what `transaction` broke; true when it corrected something. */
export function enforceIndicatorLimits(
  doc: Y.Doc,
  transaction: Y.Transaction,
  origin: unknown,
): boolean {
  const rows = rowsMap(doc);
  const settings = settingsMap(doc);
  const fixes: (() => void)[] = [];
  const checkCells = (cells: Y.Map<unknown>, keys: Iterable<string | null>): void => {
    for (const key of badCellKeys(cells, keys)) fixes.push(() => cells.delete(key));
  };
  for (const [type, keys] of transaction.changed) {
    if ((type as unknown) === settings) {
      if (keys.has('lastYear') && !isValidLastYear(settings.get('lastYear')))
        fixes.push(() => settings.set('lastYear', defaultLastYear()));
      if (keys.has('yearCount') && !isValidYearCount(settings.get('yearCount')))
        fixes.push(() => settings.set('yearCount', DEFAULT_YEAR_COUNT));
    } else if (
      type instanceof Y.Map &&
      type.parent instanceof Y.Map &&
      type.parent.parent === rows
    ) {
      // A cells map of an existing row: only its changed keys need a look.
      if (type.parent.get('cells') === type) checkCells(type, keys);
    } else if ((type as unknown) === rows || (type instanceof Y.Map && type.parent === rows)) {
      // A row added whole, or a row whose `cells` field was replaced: the new map is not in
      // `changed`, so every key of it is checked.
      const rowMaps =
        (type as unknown) === rows
          ? [...keys].map((k) => (k === null ? undefined : rows.get(k)))
          : keys.has('cells')
            ? [type]
            : [];
      for (const candidate of rowMaps) {
        if (!(candidate instanceof Y.Map)) continue;
        const row = candidate as Y.Map<unknown>;
        const cells = row.get('cells');
        if (cells instanceof Y.Map) checkCells(cells as Y.Map<unknown>, cells.keys());
        else if (cells !== undefined) fixes.push(() => row.set('cells', new Y.Map<unknown>()));
      }
    }
  }
  if (fixes.length === 0) return false;
  doc.transact(() => {
    for (const fix of fixes) fix();
  }, origin);
  return true;
}
