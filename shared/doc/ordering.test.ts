import { describe, expect, it } from 'vitest';
import { compareOrdered, isOrderKey, keyBetween, keyForIndex } from './ordering';

/** A deterministic random source. */
function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('isOrderKey', () => {
  it.each([
    ['a0', true],
    ['a0V', true],
    ['b00', true],
    ['', false],
    ['a', false],
    ['a00', false],
    [42, false],
    ['x'.repeat(600), false],
  ])('%j → %s', (key, valid) => {
    expect(isOrderKey(key)).toBe(valid);
  });
});

describe('keyBetween', () => {
  it.each([
    [null, null],
    ['a0', null],
    [null, 'a0'],
    ['a0', 'a1'],
    ['a0', 'a0V'],
    ['az', 'b00'],
    ['Zz', 'a0'],
  ])('finds a key strictly between %s and %s', (a, b) => {
    const k = keyBetween(a, b);
    expect(isOrderKey(k)).toBe(true);
    if (a !== null) expect(k > a).toBe(true);
    if (b !== null) expect(k < b).toBe(true);
  });

  it('rejects neighbours out of order', () => {
    expect(() => keyBetween('a1', 'a0')).toThrow(RangeError);
    expect(() => keyBetween('a0', 'a0')).toThrow(RangeError);
  });

  it('keeps order through 500 insertions at random places', () => {
    const random = seeded(7);
    const keys: string[] = [];
    for (let i = 0; i < 500; i++) {
      const at = Math.floor(random() * (keys.length + 1));
      const k = keyBetween(keys[at - 1] ?? null, keys[at] ?? null);
      keys.splice(at, 0, k);
    }
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('stays short when always appending', () => {
    let last: string | null = null;
    for (let i = 0; i < 10_000; i++) last = keyBetween(last, null);
    expect(last!.length).toBeLessThan(8);
  });
});

describe('keyForIndex', () => {
  const list = [{ order: 'a0' }, { order: 'a1' }, { order: 'a2' }];
  it.each([0, 1, 2, 3])('places an item at index %i', (index) => {
    const k = keyForIndex(list, index);
    const sorted = [...list.map((x) => x.order), k].sort();
    expect(sorted.indexOf(k)).toBe(index);
  });

  it('clamps out-of-range indexes', () => {
    expect(keyForIndex(list, -5) < 'a0').toBe(true);
    expect(keyForIndex(list, 99) > 'a2').toBe(true);
  });

  it('finds room after two items that share a key (a concurrent tie)', () => {
    const tied = [{ order: 'a0' }, { order: 'a5' }, { order: 'a5' }, { order: 'a9' }];
    const k = keyForIndex(tied, 2);
    expect(k > 'a5' && k < 'a9').toBe(true);
  });
});

describe('compareOrdered', () => {
  it('breaks ties by id so every replica agrees', () => {
    const items = [
      { id: 'b', order: 'm' },
      { id: 'a', order: 'm' },
      { id: 'c', order: 'a' },
    ];
    expect(items.sort(compareOrdered).map((x) => x.id)).toEqual(['c', 'a', 'b']);
  });
});
