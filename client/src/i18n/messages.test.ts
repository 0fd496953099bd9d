import { describe, expect, it } from 'vitest';
import en from './en';
import vi from './vi';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a message tree as "a.b.c" → message. */
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

/** The named placeholders of a message: "{n} thẻ" → ["n"]. */
function placeholders(message: string): string[] {
  return [...new Set([...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

const viLeaves = leaves(vi as unknown as Tree);
const enLeaves = leaves(en as unknown as Tree);

describe('i18n messages', () => {
  it('vi and en have the same keys', () => {
    expect([...enLeaves.keys()].sort()).toEqual([...viLeaves.keys()].sort());
  });

  it('no message is empty', () => {
    for (const [key, message] of [...viLeaves, ...enLeaves]) {
      expect(message.trim(), key).not.toBe('');
    }
  });

  it('both languages use the same placeholders', () => {
    for (const [key, message] of viLeaves) {
      expect(placeholders(enLeaves.get(key) ?? ''), key).toEqual(placeholders(message));
    }
  });

  it('no message uses vue-i18n syntax characters by accident', () => {
    for (const [key, message] of [...viLeaves, ...enLeaves]) {
      expect(message, key).not.toMatch(/[@$]/);
    }
  });
});
