/**
 * Every key the code asks for exists: a typo in `t('...')` would otherwise show the raw key
 * to a delegate. Static keys must be leaves of vi.ts; template keys such as
 * `quadrants.${q}` must name an existing group.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import vi from './vi';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function lookup(path: string): unknown {
  let node: unknown = vi;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

describe('i18n key usage', () => {
  const files = sourceFiles(SRC);
  const staticKeys = new Map<string, string>();
  const prefixes = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.]+)'/g)) staticKeys.set(m[1] ?? '', file);
    for (const m of text.matchAll(/\bt\(\s*`([a-zA-Z0-9_.]+)\.\$\{/g))
      prefixes.set(m[1] ?? '', file);
  }

  it('finds keys to check', () => {
    expect(staticKeys.size).toBeGreaterThan(50);
  });

  it('every static key is a message', () => {
    const missing = [...staticKeys].filter(([key]) => typeof lookup(key) !== 'string');
    expect(missing).toEqual([]);
  });

  it('every dynamic key prefix is a group of messages', () => {
    const missing = [...prefixes].filter(([key]) => typeof lookup(key) !== 'object');
    expect(missing).toEqual([]);
  });
});
