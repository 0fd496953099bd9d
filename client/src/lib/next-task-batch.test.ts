import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { NextTaskBatch } from './next-task-batch';

describe('NextTaskBatch', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('hands over the items of one task together, in the next task', () => {
    const delivered: number[][] = [];
    const batch = new NextTaskBatch<number>((items) => delivered.push(items));
    batch.push(1);
    batch.push(2);
    expect(delivered).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(delivered).toEqual([[1, 2]]);
    batch.push(3);
    vi.advanceTimersByTime(0);
    expect(delivered).toEqual([[1, 2], [3]]);
  });

  it('hands over at once on flush and on dispose, and never twice', () => {
    const delivered: number[][] = [];
    const batch = new NextTaskBatch<number>((items) => delivered.push(items));
    batch.push(1);
    batch.flush();
    batch.push(2);
    batch.dispose();
    vi.advanceTimersByTime(10);
    expect(delivered).toEqual([[1], [2]]);
  });
});
