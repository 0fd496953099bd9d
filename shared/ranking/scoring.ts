/**
 * Weighted multi-criteria scoring (the weighted sum model): each participant scores each
 * item from 1 to 5 on each criterion; a criterion marked lower-is-better (cost) is reversed
 * (6 − s) so that 5 always means "best"; a participant's weighted score of an item is
 * Σ wᵢ·sᵢ / Σ wᵢ (weights need not add up to 1); the room's score of the item is the mean of
 * its participants' weighted scores, with their spread (min, max, population standard
 * deviation) shown beside it. Items are ranked by the mean (rank.ts: ties shared).
 */
import { rankItems, type RankedItem } from './rank';

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

export interface Criterion {
  id: string;
  name: string;
  /** Relative weight, > 0. */
  weight: number;
  /** 'lower' for criteria where less is better (cost). */
  direction: 'higher' | 'lower';
}

/** One participant's scores: item id → criterion id → 1..5. */
export type ScoreSheet = Readonly<Record<string, Readonly<Record<string, number>>>>;

/** Σ wᵢ·vᵢ / Σ wᵢ. With weights that add up to 1 this is the plain weighted sum. */
export function weightedSum(values: readonly number[], weights: readonly number[]): number {
  if (values.length !== weights.length) throw new RangeError('one weight per value');
  let total = 0;
  let weightTotal = 0;
  values.forEach((v, i) => {
    const w = weights[i] ?? 0;
    total += v * w;
    weightTotal += w;
  });
  if (weightTotal <= 0) throw new RangeError('weights must add up to more than 0');
  return total / weightTotal;
}

/** A participant's weighted score of one item, or null when a criterion is unscored. */
export function itemScore(
  scores: Readonly<Record<string, number>> | undefined,
  criteria: readonly Criterion[],
): number | null {
  if (!scores) return null;
  const values: number[] = [];
  for (const c of criteria) {
    const s = scores[c.id];
    if (s === undefined) return null;
    values.push(c.direction === 'lower' ? SCORE_MIN + SCORE_MAX - s : s);
  }
  return weightedSum(
    values,
    criteria.map((c) => c.weight),
  );
}

export interface ItemScoreResult {
  /** Mean of the participants' weighted scores (1..5), or 0 when nobody scored the item. */
  score: number;
  /** How many participants scored it fully. */
  count: number;
  min: number;
  max: number;
  /** Population standard deviation of the participants' weighted scores. */
  stdev: number;
  /** Mean raw score per criterion (before reversal), for the room's discussion. */
  byCriterion: Record<string, number>;
}

export interface ScoringResults {
  items: Record<string, ItemScoreResult>;
  ranking: RankedItem[];
}

/** The room's results from every participant's sheet, for `itemIds` in list order. */
export function scoreResults(
  itemIds: readonly string[],
  criteria: readonly Criterion[],
  sheets: readonly ScoreSheet[],
): ScoringResults {
  const items: Record<string, ItemScoreResult> = {};
  for (const itemId of itemIds) {
    const scores: number[] = [];
    const raw: Record<string, number[]> = {};
    for (const sheet of sheets) {
      const s = itemScore(sheet[itemId], criteria);
      if (s === null) continue;
      scores.push(s);
      for (const c of criteria) (raw[c.id] ??= []).push(sheet[itemId]?.[c.id] ?? 0);
    }
    const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
    const variance = scores.length
      ? scores.reduce((a, b) => a + (b - mean) ** 2, 0) / scores.length
      : 0;
    const byCriterion: Record<string, number> = {};
    for (const c of criteria) {
      const list = raw[c.id] ?? [];
      byCriterion[c.id] = list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0;
    }
    items[itemId] = {
      score: mean,
      count: scores.length,
      min: scores.length ? Math.min(...scores) : 0,
      max: scores.length ? Math.max(...scores) : 0,
      stdev: Math.sqrt(variance),
      byCriterion,
    };
  }
  const values: Record<string, number> = {};
  for (const [id, r] of Object.entries(items)) values[id] = r.score;
  return { items, ranking: rankItems(itemIds, values) };
}
