import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_TOASTS, TOAST_MS, useToastStore } from './toast-store';

describe('toast store', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('lets a success go by itself but keeps an error until it is dismissed', () => {
    const store = useToastStore();
    store.success('Đã tải xuống');
    const err = store.error('Không tải được');
    vi.advanceTimersByTime(TOAST_MS);
    expect(store.toasts.map((t) => t.message)).toEqual(['Không tải được']);
    store.dismiss(err);
    expect(store.toasts).toEqual([]);
  });

  it('replaces the same message instead of stacking it', () => {
    const store = useToastStore();
    store.info('Đã sao chép');
    store.info('Đã sao chép');
    expect(store.toasts).toHaveLength(1);
  });

  it('keeps at most MAX_TOASTS, dropping the oldest', () => {
    const store = useToastStore();
    for (let i = 0; i < MAX_TOASTS + 2; i++) store.error(`lỗi ${i}`);
    expect(store.toasts.map((t) => t.message)).toEqual(
      Array.from({ length: MAX_TOASTS }, (_, i) => `lỗi ${i + 2}`),
    );
  });

  it('keeps the action of a toast', () => {
    const store = useToastStore();
    const run = vi.fn();
    store.error('Không tải được', { label: 'Thử lại', run });
    store.toasts[0]!.action!.run();
    expect(run).toHaveBeenCalledOnce();
  });
});
