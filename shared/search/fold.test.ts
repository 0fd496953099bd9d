import { describe, expect, it } from 'vitest';
import { foldText, foldWithMap } from './index';

const nfd = (s: string): string => s.normalize('NFD');

describe('foldText', () => {
  it.each([
    ['Thách thức', 'thach thuc'],
    ['Điểm mạnh', 'diem manh'],
    ['Điểm yếu', 'diem yeu'],
    ['Cơ hội', 'co hoi'],
    ['ĐƯỜNG ĐẤT ĐỎ', 'duong dat do'],
    ['đường đất đỏ', 'duong dat do'],
    ['Nông nghiệp', 'nong nghiep'],
    ['Phát triển kinh tế - xã hội', 'phat trien kinh te - xa hoi'],
    ['Huyện Củ Chi', 'huyen cu chi'],
    ['Ngữ văn', 'ngu van'],
    ['Trường học ở xã', 'truong hoc o xa'],
    ['GRDP 2025 (tỷ đồng)', 'grdp 2025 (ty dong)'],
  ])('%j → %j', (text, folded) => {
    expect(foldText(text)).toBe(folded);
  });

  it.each([
    // Letters that carry two diacritics: a vowel mark and a tone mark.
    ['ệ', 'e'],
    ['Ệ', 'e'],
    ['ở', 'o'],
    ['Ở', 'o'],
    ['ữ', 'u'],
    ['Ữ', 'u'],
    ['ặ', 'a'],
    ['Ặ', 'a'],
    ['ẫ', 'a'],
    ['Ẫ', 'a'],
    ['ậ', 'a'],
    ['ờ', 'o'],
    ['ự', 'u'],
    ['ỗ', 'o'],
    ['ể', 'e'],
  ])('two diacritics: %j → %j, in NFC and NFD', (letter, folded) => {
    expect(letter.normalize('NFC')).toHaveLength(1);
    expect(nfd(letter).length).toBe(3);
    expect(foldText(letter.normalize('NFC'))).toBe(folded);
    expect(foldText(nfd(letter))).toBe(folded);
  });

  it('folds NFC and NFD input to the same text', () => {
    const text = 'Thách thức: biến đổi khí hậu, ngập lụt ở vùng trũng; nước sạch.';
    expect(foldText(nfd(text))).toBe(foldText(text.normalize('NFC')));
    expect(foldText(nfd(text))).toBe(
      'thach thuc: bien doi khi hau, ngap lut o vung trung; nuoc sach.',
    );
  });

  it('maps đ and Đ to d, and the look-alike Ð (U+00D0) from old encodings too', () => {
    expect(foldText('đ Đ d D')).toBe('d d d d');
    expect(foldText('\u00d0ại hội')).toBe('dai hoi');
  });

  it('collapses and trims whitespace of any kind', () => {
    expect(foldText('  Thách \t\n thức\u00a0 ')).toBe('thach thuc');
    expect(foldText('   ')).toBe('');
    expect(foldText('')).toBe('');
  });

  it('keeps characters it does not know, such as emoji', () => {
    expect(foldText('😀 Ý tưởng')).toBe('😀 y tuong');
  });
});

describe('foldWithMap', () => {
  it('maps each folded unit of NFC text to its own character', () => {
    const m = foldWithMap('Đất');
    expect(m.text).toBe('dat');
    expect(m.starts).toEqual([0, 1, 2]);
    expect(m.ends).toEqual([1, 2, 3]);
  });

  it('counts the combining marks of NFD text in the letter they follow', () => {
    // "ệ" in NFD is e + U+0323 (dot below) + U+0302 (circumflex): three units, one letter.
    const m = foldWithMap(nfd('ệ'));
    expect(m.text).toBe('e');
    expect(m.starts).toEqual([0]);
    expect(m.ends).toEqual([3]);
  });

  it('maps collapsed whitespace to the first character of the run', () => {
    const m = foldWithMap('  a   b  ');
    expect(m.text).toBe('a b');
    expect(m.starts).toEqual([2, 3, 6]);
    expect(m.ends).toEqual([3, 4, 7]);
  });

  it('maps both halves of a surrogate pair to the whole pair', () => {
    const m = foldWithMap('😀a');
    expect(m.text).toBe('😀a');
    expect(m.starts).toEqual([0, 0, 2]);
    expect(m.ends).toEqual([2, 2, 3]);
  });

  it('ignores combining marks with nothing before them', () => {
    expect(foldWithMap('\u0301a')).toEqual({ text: 'a', starts: [1], ends: [2] });
  });
});
