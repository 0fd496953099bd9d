/**
 * Ranking of a list's items by a value (dots, a weighted score): pure, shared by the server
 * (the decision it stores) and the client (what the room sees).
 *
 * Ties are shown as ties: items with equal values share a rank, and the next rank skips
 * ("standard competition ranking", 1-2-2-4). Within a tie, items are listed in the order
 * they had on the list when the round opened; that is the tie-break rule the interface states
 * (`TIE_BREAK_RULE`). The rule only orders the display; it never gives a tied item a better rank.
 */

/** The tie-break rule, named for the interface (it translates the key). */
export const TIE_BREAK_RULE = 'listOrder' as const;

export interface RankedItem {
  itemId: string;
  value: number;
  /** 1 for the best; tied items share a rank. */
  rank: number;
  /** True when another item has the same value. */
  tied: boolean;
}

/** Values closer than this are equal (weighted means are sums of fractions). */
const EPSILON = 1e-9;

/**
 * Ranks `itemIds` (in list order) by `values`, highest first. An item without a value counts
 * as 0. Ties share a rank; within a tie, list order.
 */
export function rankItems(
  itemIds: readonly string[],
  values: Readonly<Record<string, number>>,
): RankedItem[] {
  const rows = itemIds.map((itemId, position) => ({
    itemId,
    position,
    value: values[itemId] ?? 0,
  }));
  rows.sort((a, b) =>
    Math.abs(a.value - b.value) < EPSILON ? a.position - b.position : b.value - a.value,
  );
  const out: RankedItem[] = [];
  rows.forEach((row, i) => {
    const prev = out[i - 1];
    const sameAsPrev = prev !== undefined && Math.abs(prev.value - row.value) < EPSILON;
    const rank = sameAsPrev ? prev.rank : i + 1;
    if (sameAsPrev) prev.tied = true;
    out.push({ itemId: row.itemId, value: row.value, rank, tied: sameAsPrev });
  });
  return out;
}
