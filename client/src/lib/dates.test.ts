import { describe, expect, it } from 'vitest';
import { parseIsoDate } from './dates';

describe('parseIsoDate', () => {
  it('reads a calendar date as UTC midnight', () => {
    expect(parseIsoDate('2026-09-13')?.toISOString()).toBe('2026-09-13T00:00:00.000Z');
  });

  it('refuses what is not a real calendar date', () => {
    for (const text of ['', '2026-9-13', '2026-02-31', '13/09/2026', 'soon', null, undefined])
      expect(parseIsoDate(text)).toBeNull();
  });

  it('formats as the same day in Vietnamese and English, whatever the zone', () => {
    const date = parseIsoDate('2026-09-13')!;
    const day = { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' } as const;
    expect(new Intl.DateTimeFormat('vi', day).format(date)).toContain('13');
    expect(new Intl.DateTimeFormat('en', day).format(date)).toBe('September 13, 2026');
  });
});
