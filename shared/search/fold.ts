/**
 * Folding Vietnamese text for matching: "Thách thức" and "thach thuc" fold to the same
 * string. Folding works one code point at a time and remembers where each folded character
 * came from, so a match found in the folded text can be highlighted in the original.
 */

/** A half-open range [start, end) of UTF-16 offsets, as `String.prototype.slice` takes. */
export interface TextRange {
  start: number;
  end: number;
}

/** Folded text plus, for each of its UTF-16 units, the range of original text it came from. */
export interface FoldedText {
  text: string;
  starts: number[];
  ends: number[];
}

const COMBINING_MARK = /\p{Mn}/gu;
const WHITESPACE = /^\s$/u;

/**
 * Folds text for diacritic-insensitive matching: decomposes it (NFD) and drops the combining
 * marks, so "ệ" (e + circumflex + dot below) becomes "e" whether it was typed precomposed
 * (NFC) or decomposed (NFD, as some phones and pasted PDFs give it); maps đ/Đ to d, which
 * Unicode does not decompose; lowercases; and collapses runs of whitespace into one space,
 * trimmed at both ends.
 */
export function foldText(text: string): string {
  return foldWithMap(text).text;
}

/**
 * As `foldText`, and also maps each folded unit back to the original: `starts[i]` and
 * `ends[i]` bound the original code point that folded unit i came from. Combining marks that
 * fold to nothing are counted in the preceding character's range, so a highlight ending on a
 * decomposed "ệ" covers its marks too.
 */
export function foldWithMap(text: string): FoldedText {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let offset = 0;
  for (const char of text) {
    const start = offset;
    offset += char.length;
    if (WHITESPACE.test(char)) {
      // One space for a run, none at the start; a trailing one is removed below.
      if (folded.length > 0 && !folded.endsWith(' ')) {
        folded += ' ';
        starts.push(start);
        ends.push(offset);
      }
      continue;
    }
    const piece = foldChar(char);
    if (piece === '') {
      const last = ends.length - 1;
      if (last >= 0 && !folded.endsWith(' ')) ends[last] = offset;
      continue;
    }
    for (let i = 0; i < piece.length; i++) {
      starts.push(start);
      ends.push(offset);
    }
    folded += piece;
  }
  if (folded.endsWith(' ')) {
    folded = folded.slice(0, -1);
    starts.pop();
    ends.pop();
  }
  return { text: folded, starts, ends };
}

function foldChar(char: string): string {
  return (
    char
      .normalize('NFD')
      .replace(COMBINING_MARK, '')
      .toLowerCase()
      // đ (U+0111) has no decomposition. ð (U+00F0, lowercase of the Icelandic Ð U+00D0)
      // is folded too: text converted from old Vietnamese encodings often has Ð for Đ.
      .replace(/[đð]/g, 'd')
  );
}
