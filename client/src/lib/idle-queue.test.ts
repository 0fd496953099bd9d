import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleQueue } from './idle-queue';

type IdleCallback = (deadline: { timeRemaining(): number }) => void;

/** A browser's requestIdleCallback, driven by the test: `idlePeriod(ms)` runs the callbacks. */
function fakeIdleCallbacks() {
  const waiting: { run: IdleCallback; timeout: number | undefined }[] = [];
  vi.stubGlobal('requestIdleCallback', (run: IdleCallback, options?: { timeout?: number }) => {
    waiting.push({ run, timeout: options?.timeout });
    return waiting.length;
  });
  return {
    waiting,
    idlePeriod(ms: number): void {
      for (const { run } of waiting.splice(0)) run({ timeRemaining: () => ms });
    },
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('IdleQueue', () => {
  it('runs nothing until the page is idle, then its jobs in order', () => {
    const browser = fakeIdleCallbacks();
    const ran: number[] = [];
    const queue = new IdleQueue(1_500);
    queue.push(() => ran.push(1));
    queue.push(() => ran.push(2));
    expect(ran).toEqual([]);
    expect(browser.waiting).toHaveLength(1);
    expect(browser.waiting[0]!.timeout).toBe(1_500);
    browser.idlePeriod(40);
    expect(ran).toEqual([1, 2]);
    expect(queue.size).toBe(0);
    expect(browser.waiting).toHaveLength(0);
  });

  it('leaves the rest for the next idle period when this one is nearly over', () => {
    const browser = fakeIdleCallbacks();
    const ran: number[] = [];
    const queue = new IdleQueue();
    for (const n of [1, 2, 3]) queue.push(() => ran.push(n));
    // a deadline that has passed (the timeout fired): one job, the others wait
    browser.idlePeriod(0);
    expect(ran).toEqual([1]);
    expect(browser.waiting).toHaveLength(1);
    browser.idlePeriod(0);
    browser.idlePeriod(0);
    expect(ran).toEqual([1, 2, 3]);
    expect(browser.waiting).toHaveLength(0);
  });

  it('keeps going after a job that throws', () => {
    const browser = fakeIdleCallbacks();
    const ran: string[] = [];
    const queue = new IdleQueue();
    queue.push(() => {
      throw new Error('broken job');
    });
    queue.push(() => ran.push('next'));
    expect(() => browser.idlePeriod(0)).toThrow('broken job');
    browser.idlePeriod(0);
    expect(ran).toEqual(['next']);
  });

  it('runs its jobs in tasks of their own where the browser has no idle callbacks', async () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const ran: number[] = [];
    const queue = new IdleQueue();
    queue.push(() => ran.push(1));
    queue.push(() => ran.push(2));
    expect(ran).toEqual([]);
    await vi.waitFor(() => expect(ran).toEqual([1, 2]));
  });
});
