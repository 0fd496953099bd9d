/**
 * Links between boards, written into documents as plain values: a priority item names the
 * SWOT cards and commune proposals it came from, and each of those names the items it was
 * promoted to, so the record can be traced both ways.
 */

/** Kinds of thing a priority item can come from. */
export const SOURCE_KINDS = ['swot', 'proposal'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** Where a priority item came from: a SWOT card or a commune proposal on another board. */
export interface SourceLink {
  kind: SourceKind;
  boardId: string;
  /** The card's or the proposal's id. */
  id: string;
}

/** Where a card or proposal was promoted to: an item of a priority list. */
export interface PromotionLink {
  boardId: string;
  /** The priority item's id. */
  id: string;
}

const isString = (v: unknown): v is string =>
  typeof v === 'string' && v.length > 0 && v.length <= 64;

/** Reads a source link from a document defensively (content comes from other browsers). */
export function readSourceLink(value: unknown): SourceLink | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!(SOURCE_KINDS as readonly unknown[]).includes(v.kind)) return null;
  if (!isString(v.boardId) || !isString(v.id)) return null;
  return { kind: v.kind as SourceKind, boardId: v.boardId, id: v.id };
}

/** Reads a promotion link from a document defensively. */
export function readPromotionLink(value: unknown): PromotionLink | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isString(v.boardId) || !isString(v.id)) return null;
  return { boardId: v.boardId, id: v.id };
}
