import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atQuietMoment } from './quiet-moment';

const options = { afterMs: 5_000, quietMs: 2_000, latestMs: 60_000 };

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** A key pressed every `everyMs` for `forMs`. */
function typeFor(page: EventTarget, forMs: number, everyMs = 100): void {
  for (let t = 0; t < forMs; t += everyMs) {
    page.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(everyMs);
  }
}

describe('atQuietMoment', () => {
  it('runs after the wait when nobody is typing', () => {
    const run = vi.fn();
    atQuietMoment(run, { ...options, target: new EventTarget() });
    vi.advanceTimersByTime(4_999);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledOnce();
  });

  it('waits for a pause in the typing, then runs once', () => {
    const page = new EventTarget();
    const run = vi.fn();
    atQuietMoment(run, { ...options, target: page });
    vi.advanceTimersByTime(4_000);
    typeFor(page, 6_000); // the last key at 9_900 ms
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_899);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledOnce();
    // it listens no longer
    typeFor(page, 1_000);
    vi.advanceTimersByTime(10_000);
    expect(run).toHaveBeenCalledOnce();
  });

  it('runs at the latest time for a page typed into without a pause', () => {
    const page = new EventTarget();
    const run = vi.fn();
    atQuietMoment(run, { ...options, target: page });
    typeFor(page, 59_900);
    expect(run).not.toHaveBeenCalled();
    typeFor(page, 200);
    expect(run).toHaveBeenCalledOnce();
  });

  it('runs nothing once cancelled', () => {
    const run = vi.fn();
    const cancel = atQuietMoment(run, { ...options, target: new EventTarget() });
    cancel();
    vi.advanceTimersByTime(120_000);
    expect(run).not.toHaveBeenCalled();
  });
});
