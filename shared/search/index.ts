/**
 * Diacritic-insensitive search across a meeting's cards, items and indicators (issue 15).
 * Pure functions without dependencies: "thach thuc" finds "Thách thức", and d finds đ.
 */
export { foldText, foldWithMap, type FoldedText, type TextRange } from './fold';
export {
  findMatches,
  highlightSegments,
  matchText,
  queryWords,
  searchItems,
  type FieldMatch,
  type SearchHit,
  type Segment,
} from './match';
