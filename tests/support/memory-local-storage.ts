/**
 * A localStorage for unit tests that run in Node (client/src/lib/storage.ts reads and writes
 * it): installed on globalThis before each test and removed, with its items, after.
 */
import { afterEach, beforeEach } from 'vitest';

export function useMemoryLocalStorage(): Map<string, string> {
  const items = new Map<string, string>();
  beforeEach(() => {
    (globalThis as { localStorage?: unknown }).localStorage = {
      getItem: (k: string) => items.get(k) ?? null,
      setItem: (k: string, v: string) => void items.set(k, v),
      removeItem: (k: string) => void items.delete(k),
    };
  });
  afterEach(() => {
    items.clear();
    delete (globalThis as { localStorage?: unknown }).localStorage;
  });
  return items;
}
