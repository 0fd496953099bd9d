import { describe, expect, it } from 'vitest';
import { isSampleTitle, SAMPLE_TITLE_MARK } from './sample-meeting';

describe('isSampleTitle', () => {
  it('recognises the mark in either language and any case', () => {
    expect(isSampleTitle(`Hội nghị (${SAMPLE_TITLE_MARK})`)).toBe(true);
    expect(isSampleTitle('Hội nghị bàn tròn (Dữ liệu mẫu)')).toBe(true);
    expect(isSampleTitle('Roundtable (Sample data)')).toBe(true);
  });
  it('does not label a real meeting', () => {
    expect(isSampleTitle('Hội nghị bàn tròn kế hoạch năm 2026')).toBe(false);
    expect(isSampleTitle('Dữ liệu ngành y tế')).toBe(false);
  });
});
