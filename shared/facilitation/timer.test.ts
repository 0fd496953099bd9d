import { describe, expect, it } from 'vitest';
import { formatCountdown, timerRemainingMs } from './timer';

describe('timerRemainingMs', () => {
  it('counts down to a running deadline and stops at zero', () => {
    const timer = { status: 'running', endsAt: 10_000, remainingMs: null } as const;
    expect(timerRemainingMs(timer, 4_000)).toBe(6_000);
    expect(timerRemainingMs(timer, 12_000)).toBe(0);
  });
  it('shows the stored remaining time while paused, whatever the clock', () => {
    const timer = { status: 'paused', endsAt: null, remainingMs: 42_000 } as const;
    expect(timerRemainingMs(timer, 0)).toBe(42_000);
    expect(timerRemainingMs(timer, 9e12)).toBe(42_000);
  });
  it('has nothing to show when idle', () => {
    expect(timerRemainingMs({ status: 'idle', endsAt: null, remainingMs: null }, 5)).toBeNull();
  });
});

describe('formatCountdown', () => {
  it.each([
    [0, '0:00'],
    [1, '0:00'],
    [600, '0:01'],
    [59_600, '1:00'],
    [600_004, '10:00'],
    [600_000, '10:00'],
    [3_600_000, '1:00:00'],
    [3_661_000, '1:01:01'],
  ])('%i ms → %s', (ms, text) => expect(formatCountdown(ms)).toBe(text));
});
