import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { throttle } from './throttle';

describe('throttle', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs the first call at once and the latest call at the end of the window', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 100);
    t.call(1);
    t.call(2);
    t.call(3);
    expect(calls).toEqual([1]);
    vi.advanceTimersByTime(100);
    expect(calls).toEqual([1, 3]);
  });

  it('drops a pending call on cancel', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 100);
    t.call(1);
    t.call(2);
    t.cancel();
    vi.advanceTimersByTime(200);
    expect(calls).toEqual([1]);
  });

  it('with deferLeading, runs the first call in a task of its own, then throttles as before', () => {
    const calls: number[] = [];
    const t = throttle((n: number) => calls.push(n), 100, { deferLeading: true });
    t.call(1);
    t.call(2);
    expect(calls).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(calls).toEqual([2]);
    t.call(3);
    t.call(4);
    vi.advanceTimersByTime(99);
    expect(calls).toEqual([2]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([2, 4]);
  });
});
