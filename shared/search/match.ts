import { foldWithMap, type FoldedText, type TextRange } from './fold';

/** The matches of a query in one field of an item. */
export interface FieldMatch<K extends string> {
  field: K;
  /** The field's original text, which `ranges` index. */
  text: string;
  /** Matched ranges in `text`, sorted and not overlapping. */
  ranges: TextRange[];
}

/** One item that matches a query. */
export interface SearchHit<T, K extends string> {
  item: T;
  /** Its position in the input, so the caller can map back without identity checks. */
  index: number;
  /** Higher is better; only the order means something. */
  score: number;
  /** The fields in which some query word was found, in the order of `fields`. */
  matches: FieldMatch<K>[];
}

/** A highlight segment of a text: `match` parts are the ones to mark. */
export interface Segment {
  text: string;
  match: boolean;
}

/**
 * The query's words, folded and without repeats. Words are split on whitespace only, so
 * "kinh-tế" stays one word and finds "kinh-tế" but not "kinh tế".
 */
export function queryWords(query: string): string[] {
  const folded = foldWithMap(query).text;
  return folded === '' ? [] : [...new Set(folded.split(' '))];
}

/**
 * True when every word of the query occurs in the text, in any order, ignoring diacritics,
 * đ/d and case ("thach thuc" matches "Thách thức", "thuc thach" too). A word may match inside
 * a longer word ("nghi" matches "Nông nghiệp"). An empty query matches nothing: a search box
 * with nothing typed should show no results, not everything highlighted.
 */
export function matchText(query: string, text: string): boolean {
  const words = queryWords(query);
  if (words.length === 0) return false;
  const folded = foldWithMap(text).text;
  return words.every((w) => folded.includes(w));
}

/**
 * Where the query's words occur in `text`, as ranges of the original string (UTF-16
 * offsets), merged where they overlap or touch; so "thach thuc" in "Thách thức" gives
 * [0, 5) and [6, 10). Every occurrence of every word is returned, whether or not all words
 * occur; use `matchText` to decide whether the text matches.
 */
export function findMatches(query: string, text: string): TextRange[] {
  return rangesOf(queryWords(query), foldWithMap(text));
}

/**
 * Searches `items` on the given string fields. An item matches when each query word occurs
 * in at least one of its fields (the words of "thách thức nông nghiệp" may be split between a
 * card's title and its note). Fields whose value is not a string are skipped.
 *
 * Ranking, best first: for each word, its best occurrence scores 3 as a whole word, 2 at the
 * start of a word and 1 inside one, times the field's weight (the first field weighs
 * `fields.length`, the last 1, so list the title first); a multi-word query found as one
 * phrase adds 2 × that field's weight. Equal scores keep the input order.
 */
export function searchItems<T, K extends keyof T & string>(
  query: string,
  items: readonly T[],
  fields: readonly K[],
): SearchHit<T, K>[] {
  const words = queryWords(query);
  if (words.length === 0) return [];
  const phrase = words.length > 1 ? words.join(' ') : null;
  const hits: SearchHit<T, K>[] = [];
  items.forEach((item, index) => {
    const best = new Map<string, number>();
    let phraseBonus = 0;
    const matches: FieldMatch<K>[] = [];
    fields.forEach((field, fieldIndex) => {
      const value = item[field];
      if (typeof value !== 'string') return;
      const folded = foldWithMap(value);
      const weight = fields.length - fieldIndex;
      for (const word of words) {
        const quality = bestQuality(folded.text, word);
        if (quality > 0) best.set(word, Math.max(best.get(word) ?? 0, quality * weight));
      }
      if (phrase !== null && folded.text.includes(phrase)) {
        phraseBonus = Math.max(phraseBonus, 2 * weight);
      }
      const ranges = rangesOf(words, folded);
      if (ranges.length > 0) matches.push({ field, text: value, ranges });
    });
    if (best.size < words.length) return;
    let score = phraseBonus;
    for (const s of best.values()) score += s;
    hits.push({ item, index, score, matches });
  });
  // Array.prototype.sort is stable, so equal scores keep the input order.
  return hits.sort((a, b) => b.score - a.score);
}

/**
 * Cuts `text` into plain and matched segments along `ranges` (as `findMatches` returns
 * them), so the UI can render highlights as text nodes and never as HTML.
 */
export function highlightSegments(text: string, ranges: readonly TextRange[]): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const { start, end } of ranges) {
    if (start < at || end <= start || end > text.length) continue;
    if (start > at) segments.push({ text: text.slice(at, start), match: false });
    segments.push({ text: text.slice(start, end), match: true });
    at = end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}

/** All occurrences of all words, mapped to the original text and merged. */
function rangesOf(words: readonly string[], folded: FoldedText): TextRange[] {
  const found: TextRange[] = [];
  for (const word of words) {
    // Step by one, not by the word's length, so overlapping occurrences are all covered.
    for (let i = folded.text.indexOf(word); i !== -1; i = folded.text.indexOf(word, i + 1)) {
      found.push({ start: folded.starts[i]!, end: folded.ends[i + word.length - 1]! });
    }
  }
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: TextRange[] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last !== undefined && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** 3: a whole word; 2: the start of a word; 1: inside a word; 0: absent. */
function bestQuality(text: string, word: string): number {
  let best = 0;
  for (let i = text.indexOf(word); i !== -1 && best < 3; i = text.indexOf(word, i + 1)) {
    const before = i === 0 || !WORD_CHAR.test(text[i - 1]!);
    const after = i + word.length === text.length || !WORD_CHAR.test(text[i + word.length]!);
    best = Math.max(best, before ? (after ? 3 : 2) : 1);
  }
  return best;
}
