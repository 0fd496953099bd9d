import { describe, expect, it } from 'vitest';
import { parseLocaleNumber } from './index';

// Expected values are the numbers the text means under the rule in number.ts, by hand.
describe('parseLocaleNumber, vi', () => {
  it.each([
    ['0', 0],
    ['7', 7],
    ['1234', 1234],
    ['1234,5', 1234.5],
    ['1.234', 1234],
    ['1.234,5', 1234.5],
    ['12.345.678,09', 12345678.09],
    ['999.999', 999999],
    ['0,5', 0.5],
    ['0,000001', 0.000001],
    ['007', 7],
    ['-1.234,5', -1234.5],
    ['\u22121.234,5', -1234.5],
    ['-0', 0],
    ['-0,0', 0],
    [' 1.234,5 ', 1234.5],
    ['1 234,5', 1234.5],
    ['1\u00a0234\u00a0567', 1234567],
    ['1\u202f234,5', 1234.5],
    ['- 5', -5],
    ['\t42\n', 42],
  ])('%j → %d', (text, expected) => {
    expect(parseLocaleNumber(text, 'vi')).toBe(expected);
  });

  it.each([
    '',
    '   ',
    '-',
    ',',
    '.',
    '1,',
    ',5',
    '1.',
    '.5',
    '12.34', // a group must have 3 digits
    '1.2345',
    '1234.567', // the first group has at most 3 digits
    '0.500', // a grouped number does not start with 0
    '1.2.3,4,5',
    '1,2,3',
    '1,234.5', // English format
    '1234.5',
    '1.234,5.6',
    '1,5,',
    '--5',
    '+5',
    '5-',
    '1e5',
    'abc',
    '12a',
    '5%',
    '1.000đ',
    '١٢٣', // Arabic-Indic digits
    'Infinity',
    'NaN',
    '0x10',
  ])('%j → null', (text) => {
    expect(parseLocaleNumber(text, 'vi')).toBeNull();
  });
});

describe('parseLocaleNumber, en', () => {
  it.each([
    ['0', 0],
    ['1234', 1234],
    ['1234.5', 1234.5],
    ['1,234', 1234],
    ['1,234.5', 1234.5],
    ['12,345,678.09', 12345678.09],
    ['0.5', 0.5],
    ['-1,234.5', -1234.5],
    ['\u22120.25', -0.25],
    ['1 234.5', 1234.5],
    [' -42 ', -42],
  ])('%j → %d', (text, expected) => {
    expect(parseLocaleNumber(text, 'en')).toBe(expected);
  });

  it.each([
    '',
    '1.234,5', // Vietnamese format
    '1234,5',
    '12,34',
    '1,2345',
    '1234,567',
    '0,500',
    '1,2,3.4.5',
    '1.2.3',
    '.5',
    '5.',
    '+5',
    '1e5',
    '$5',
  ])('%j → null', (text) => {
    expect(parseLocaleNumber(text, 'en')).toBeNull();
  });
});

describe('parseLocaleNumber, both', () => {
  it('reads the same digits as the same number whatever the locale', () => {
    expect(parseLocaleNumber('1.234.567,891', 'vi')).toBe(parseLocaleNumber('1,234,567.891', 'en'));
  });

  it('does not round-trip through a different number: 0.1 stays 0.1', () => {
    expect(parseLocaleNumber('0,1', 'vi')).toBe(0.1);
  });

  it('rejects a number too large for a double', () => {
    expect(parseLocaleNumber('9'.repeat(400), 'en')).toBeNull();
  });

  it('reads a long but finite integer as the nearest double', () => {
    expect(parseLocaleNumber('9.007.199.254.740.993', 'vi')).toBe(9007199254740992);
  });

  it('rejects an unknown locale and non-string input', () => {
    expect(parseLocaleNumber('1', 'fr' as 'vi')).toBeNull();
    expect(parseLocaleNumber(12 as unknown as string, 'en')).toBeNull();
  });
});
