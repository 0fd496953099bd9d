import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useFacilitationStore } from './facilitation-store';

describe('facilitation store clock', () => {
  beforeEach(() => setActivePinia(createPinia()));

  it('keeps the best recent sample: a late delivery does not pull the clock back', () => {
    const store = useFacilitationStore();
    // The server is 60 s ahead; the first message took 800 ms to be read (a busy page).
    store.noteClock(1_000_000 + 60_000, 1_000_800);
    expect(store.offsetMs).toBe(59_200);
    store.noteClock(1_010_000 + 60_000, 1_010_020);
    expect(store.offsetMs).toBe(59_980);
    store.noteClock(1_020_000 + 60_000, 1_020_500);
    expect(store.offsetMs).toBe(59_980);
  });

  it('forgets samples older than five minutes (the device clock may have been reset)', () => {
    const store = useFacilitationStore();
    store.noteClock(60_000, 0);
    store.noteClock(400_000, 400_000 + 1000);
    expect(store.offsetMs).toBe(-1000);
  });
});
