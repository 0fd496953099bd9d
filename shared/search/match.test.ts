import { describe, expect, it } from 'vitest';
import { findMatches, highlightSegments, matchText, queryWords, searchItems } from './index';

const nfd = (s: string): string => s.normalize('NFD');
const slices = (text: string, ranges: { start: number; end: number }[]): string[] =>
  ranges.map((r) => text.slice(r.start, r.end));

describe('matchText', () => {
  it('"thach thuc" finds "Thách thức"', () => {
    expect(matchText('thach thuc', 'Thách thức')).toBe(true);
    expect(matchText('THACH THUC', 'Thách thức')).toBe(true);
    expect(matchText('Thách thức', 'thach thuc')).toBe(true);
  });

  it('matches all words in any order, anywhere in the text', () => {
    expect(matchText('thuc thach', 'Các thách thức chính')).toBe(true);
    expect(matchText('nghiep nong', 'Phát triển nông nghiệp sạch')).toBe(true);
    expect(matchText('thach  ', 'Thách thức')).toBe(true);
  });

  it('needs every word', () => {
    expect(matchText('thach co', 'Thách thức')).toBe(false);
    expect(matchText('thach thuc', 'Thách')).toBe(false);
  });

  it('matches inside longer words', () => {
    expect(matchText('nghi', 'Nông nghiệp')).toBe(true);
  });

  it('matches đ/Đ with d/D, in both directions', () => {
    expect(matchText('dat dai', 'Quản lý đất đai')).toBe(true);
    expect(matchText('DAT', 'đất')).toBe(true);
    expect(matchText('đất', 'Dat')).toBe(true);
    expect(matchText('Đường', 'duong lien xa')).toBe(true);
    expect(matchText('dương', 'Đường')).toBe(true);
  });

  it('matches letters with two diacritics', () => {
    expect(matchText('nghiep', 'Nông nghiệp')).toBe(true);
    expect(matchText('o', 'ở')).toBe(true);
    expect(matchText('nha o', 'Nhà ở xã hội')).toBe(true);
    expect(matchText('ngu', 'Ngữ văn')).toBe(true);
    expect(matchText('mat bang', 'Mặt bằng')).toBe(true);
    expect(matchText('lang', 'Lẫng')).toBe(true);
  });

  it('does not care whether query or text is NFC or NFD', () => {
    const text = 'Nhà ở xã hội và thách thức';
    for (const t of [text.normalize('NFC'), nfd(text)]) {
      for (const q of [
        'nhà ở thách thức'.normalize('NFC'),
        nfd('nhà ở thách thức'),
        'nha o thach thuc',
      ]) {
        expect(matchText(q, t)).toBe(true);
      }
    }
  });

  it('an empty query matches nothing', () => {
    expect(matchText('', 'Thách thức')).toBe(false);
    expect(matchText('   ', 'Thách thức')).toBe(false);
  });

  it('diacritics are ignored, not matched: "thac" also finds "thạch"', () => {
    expect(matchText('thác', 'thạch')).toBe(true);
  });
});

describe('queryWords', () => {
  it('folds, splits on whitespace and drops repeats', () => {
    expect(queryWords('  Thách  thức thach ')).toEqual(['thach', 'thuc']);
    expect(queryWords('')).toEqual([]);
  });
});

describe('findMatches', () => {
  it('gives the ranges of "Thách thức" in NFC text', () => {
    const text = 'Thách thức';
    const ranges = findMatches('thach thuc', text);
    expect(ranges).toEqual([
      { start: 0, end: 5 },
      { start: 6, end: 10 },
    ]);
    expect(slices(text, ranges)).toEqual(['Thách', 'thức']);
  });

  it('gives ranges that cover the combining marks in NFD text', () => {
    // NFD: "á" is 2 units and "ứ" is 3 (u + horn + acute).
    const text = nfd('Thách thức');
    const ranges = findMatches('thach thuc', text);
    expect(ranges).toEqual([
      { start: 0, end: 6 },
      { start: 7, end: 13 },
    ]);
    expect(slices(text, ranges)).toEqual([nfd('Thách'), nfd('thức')]);
  });

  it('ends a match after all the marks of its last letter', () => {
    // "ệ" with its dot below and circumflex is the last letter matched.
    const text = nfd('Nông nghiệp');
    const [range] = findMatches('nghie', text);
    expect(slices(text, [range!])).toEqual([nfd('nghiệ')]);
    const nfc = 'Nông nghiệp';
    expect(slices(nfc, findMatches('nghie', nfc))).toEqual(['nghiệ']);
  });

  it('finds every occurrence, in order ("đường" folds to "duong": no "do" in it)', () => {
    const text = 'Đô thị: đường đô thị, Đồ án';
    expect(slices(text, findMatches('do', text))).toEqual(['Đô', 'đô', 'Đồ']);
  });

  it('merges overlapping and touching matches', () => {
    // "an" at 2–4 and "ang" at 2–5 of "Giang" merge; "gi" at 0–2 touches them.
    expect(findMatches('an ang gi', 'Giang')).toEqual([{ start: 0, end: 5 }]);
    // Overlapping occurrences of one word: "aa" in "aaa" is at 0 and at 1.
    expect(findMatches('aa', 'aaa')).toEqual([{ start: 0, end: 3 }]);
  });

  it('counts offsets in UTF-16 units, past emoji and collapsed spaces', () => {
    const text = '😀  Điểm   mạnh';
    const ranges = findMatches('diem manh', text);
    expect(ranges).toEqual([
      { start: 4, end: 8 },
      { start: 11, end: 15 },
    ]);
    expect(slices(text, ranges)).toEqual(['Điểm', 'mạnh']);
  });

  it('matches a query across a run of spaces in the text', () => {
    const text = 'Thách   thức';
    expect(slices(text, findMatches('thach thuc', text))).toEqual(['Thách', 'thức']);
  });

  it('returns ranges for the words that occur even if not all do', () => {
    expect(findMatches('thach xyz', 'Thách thức')).toEqual([{ start: 0, end: 5 }]);
    expect(findMatches('', 'Thách thức')).toEqual([]);
  });
});

describe('highlightSegments', () => {
  it('cuts the original text along the ranges', () => {
    const text = 'Các thách thức lớn';
    expect(highlightSegments(text, findMatches('thach thuc', text))).toEqual([
      { text: 'Các ', match: false },
      { text: 'thách', match: true },
      { text: ' ', match: false },
      { text: 'thức', match: true },
      { text: ' lớn', match: false },
    ]);
  });

  it('returns the whole text when nothing matched, and nothing for empty text', () => {
    expect(highlightSegments('abc', [])).toEqual([{ text: 'abc', match: false }]);
    expect(highlightSegments('', [])).toEqual([]);
  });

  it('skips ranges that overlap, are empty or fall outside the text', () => {
    expect(
      highlightSegments('abcdef', [
        { start: 1, end: 3 },
        { start: 2, end: 4 },
        { start: 4, end: 4 },
        { start: 5, end: 9 },
      ]),
    ).toEqual([
      { text: 'a', match: false },
      { text: 'bc', match: true },
      { text: 'def', match: false },
    ]);
  });
});

describe('searchItems', () => {
  interface Card {
    id: string;
    title: string;
    note?: string | null;
    votes?: number;
  }
  const cards: Card[] = [
    { id: 'a', title: 'Ngập lụt mùa mưa', note: 'Thách thức lớn cho đường liên xã' },
    { id: 'b', title: 'Thách thức: thiếu vốn đầu tư', note: null },
    { id: 'c', title: 'Đất nông nghiệp bỏ hoang', note: 'thach thuc?', votes: 4 },
    { id: 'd', title: 'Du lịch sinh thái', note: 'Cơ hội' },
  ];

  it('finds the items whose fields contain every word and highlights the original text', () => {
    const hits = searchItems('thach thuc', cards, ['title', 'note']);
    expect(hits.map((h) => h.item.id)).toEqual(['b', 'a', 'c']);
    const b = hits[0]!;
    expect(b.index).toBe(1);
    expect(b.matches).toHaveLength(1);
    expect(b.matches[0]!.field).toBe('title');
    expect(slices(b.matches[0]!.text, b.matches[0]!.ranges)).toEqual(['Thách', 'thức']);
    const a = hits[1]!;
    expect(a.matches.map((m) => m.field)).toEqual(['note']);
    expect(slices(a.matches[0]!.text, a.matches[0]!.ranges)).toEqual(['Thách', 'thức']);
  });

  it('lets the words of a query fall in different fields', () => {
    const hits = searchItems('ngap duong', cards, ['title', 'note']);
    expect(hits.map((h) => h.item.id)).toEqual(['a']);
    const fields = hits[0]!.matches.map((m) => [m.field, slices(m.text, m.ranges)]);
    expect(fields).toEqual([
      ['title', ['Ngập']],
      ['note', ['đường']],
    ]);
  });

  it('ranks a whole word above a word start above the inside of a word', () => {
    const items = [
      { name: 'Chính sách' }, // "in" inside a word
      { name: 'Inox' }, // at the start of a word
      { name: 'In ấn' }, // a whole word
    ];
    expect(searchItems('in', items, ['name']).map((h) => h.item.name)).toEqual([
      'In ấn',
      'Inox',
      'Chính sách',
    ]);
  });

  it('ranks a match in an earlier field higher, and a phrase above scattered words', () => {
    const items = [
      { title: 'Khác', note: 'Nước sạch' },
      { title: 'Nước sạch', note: 'Khác' },
      { title: 'Sạch đẹp, nước ngọt', note: '' },
      { title: 'Nước sạch nông thôn', note: '' },
    ];
    const hits = searchItems('nuoc sach', items, ['title', 'note']);
    expect(hits.map((h) => h.index)).toEqual([1, 3, 2, 0]);
    expect(hits[0]!.score).toBe(hits[1]!.score);
  });

  it('keeps the input order for equal scores', () => {
    const items = [{ t: 'Đề án 2' }, { t: 'Đề án 1' }, { t: 'Đề án 3' }];
    expect(searchItems('de an', items, ['t']).map((h) => h.item.t)).toEqual([
      'Đề án 2',
      'Đề án 1',
      'Đề án 3',
    ]);
  });

  it('matches đ with d and works on NFD fields', () => {
    const items = [{ t: nfd('Đất đai') }, { t: 'Dat dai' }, { t: 'Nhà ở' }];
    const hits = searchItems('ĐẤT', items, ['t']);
    expect(hits.map((h) => h.index)).toEqual([0, 1]);
    expect(slices(hits[0]!.matches[0]!.text, hits[0]!.matches[0]!.ranges)).toEqual([nfd('Đất')]);
  });

  it('skips fields that are not strings and returns nothing for an empty query', () => {
    expect(searchItems('4', cards, ['title', 'note', 'votes'])).toEqual([]);
    expect(searchItems('', cards, ['title'])).toEqual([]);
    expect(searchItems('   ', cards, ['title'])).toEqual([]);
    expect(searchItems('thach', [], ['title'])).toEqual([]);
  });
});
