/**
 * Dot voting rules and tally, pure: the server checks ballots with them and the client uses
 * the same checks to show the remaining budget before anything is sent.
 */

/** The rules of one dot-vote round that a ballot must meet. */
export interface DotRules {
  dotsPerVoter: number;
  /** Most dots on one item; null for no cap. */
  maxPerItem: number | null;
  /** Item ids that may receive dots. */
  itemIds: readonly string[];
}

/** Why a ballot is refused; each is a stable error code the client translates. */
export type DotRefusal = 'vote_unknown_item' | 'vote_over_budget' | 'vote_over_cap';

/** Dots used by a ballot. */
export function dotsUsed(dots: Readonly<Record<string, number>>): number {
  return Object.values(dots).reduce((a, b) => a + b, 0);
}

/**
 * Checks `dots` against the rules, counting `shared` too: the ballots of the voter's
 * department colleagues when their department shares one budget (empty otherwise).
 * Returns the refusal, or null when the ballot may be cast.
 */
export function checkDots(
  dots: Readonly<Record<string, number>>,
  rules: DotRules,
  shared: readonly Readonly<Record<string, number>>[] = [],
): DotRefusal | null {
  for (const itemId of Object.keys(dots)) {
    if (!rules.itemIds.includes(itemId)) return 'vote_unknown_item';
  }
  const perItem = tallyTotals([dots, ...shared]);
  if (dotsUsed(perItem) > rules.dotsPerVoter) return 'vote_over_budget';
  if (rules.maxPerItem !== null && Object.values(perItem).some((n) => n > rules.maxPerItem!))
    return 'vote_over_cap';
  return null;
}

/** Sum of dots per item over several ballots; items with no dots are left out. */
export function tallyTotals(
  ballots: readonly Readonly<Record<string, number>>[],
): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const dots of ballots) {
    for (const [itemId, n] of Object.entries(dots)) {
      if (n > 0) totals[itemId] = (totals[itemId] ?? 0) + n;
    }
  }
  return totals;
}

/** The revealed results of a round: totals, and totals within each voter's department. */
export function tallyDots(
  ballots: readonly { department: string | null; dots: Readonly<Record<string, number>> }[],
): { totals: Record<string, number>; byDepartment: Record<string, Record<string, number>> } {
  const groups = new Map<string, Readonly<Record<string, number>>[]>();
  for (const b of ballots) {
    const key = b.department ?? '';
    groups.set(key, [...(groups.get(key) ?? []), b.dots]);
  }
  const byDepartment: Record<string, Record<string, number>> = {};
  for (const [key, list] of groups) byDepartment[key] = tallyTotals(list);
  return { totals: tallyTotals(ballots.map((b) => b.dots)), byDepartment };
}
