import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { saveCachedMeeting } from '@client/lib/storage';
import { useMeetingStore } from './meeting-store';
import { useMemoryLocalStorage } from '../../../tests/support/memory-local-storage';
import { PARTICIPANT_VIEW } from '../../../tests/support/meeting-view-fixture';

useMemoryLocalStorage();
/** The meeting fetches the store made, each answered (or not) by the test. */
let pending: { resolve: (r: Response) => void; reject: (e: unknown) => void }[] = [];

beforeEach(() => {
  setActivePinia(createPinia());
  (globalThis as { window?: unknown }).window = {
    fetch: () => new Promise<Response>((resolve, reject) => pending.push({ resolve, reject })),
  };
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  pending = [];
  delete (globalThis as { window?: unknown }).window;
});

const view = PARTICIPANT_VIEW;
const answer = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('opening a meeting this browser has seen', () => {
  it('shows the cached view at once, without the offline banner, and the answer replaces it', async () => {
    saveCachedMeeting(view, view.id);
    const store = useMeetingStore();
    const loading = store.load(view.id, 'token');
    expect(store.status).toBe('ready');
    expect(store.meeting?.title).toBe('Hội nghị');
    expect(store.fromCache).toBe(false);
    pending[0]!.resolve(answer({ ...view, title: 'Hội nghị (mới)' }));
    await loading;
    expect(store.meeting?.title).toBe('Hội nghị (mới)');
    expect(store.fromCache).toBe(false);
  });

  it('calls it the cached copy once the server stays silent or cannot be reached', async () => {
    saveCachedMeeting(view, view.id);
    const store = useMeetingStore();
    const silent = store.load(view.id, 'token');
    await vi.advanceTimersByTimeAsync(3000);
    expect(store.fromCache).toBe(true);
    pending[0]!.resolve(answer(view));
    await silent;
    expect(store.fromCache).toBe(false);

    const unreachable = store.load(view.id, 'token');
    pending[1]!.reject(new TypeError('Failed to fetch'));
    await unreachable;
    expect(store.fromCache).toBe(true);
    expect(store.status).toBe('ready');
  });

  it('takes the cached view away when the server refuses the token', async () => {
    saveCachedMeeting(view, view.id);
    const store = useMeetingStore();
    const loading = store.load(view.id, 'token');
    expect(store.meeting).not.toBeNull();
    pending[0]!.resolve(
      answer({ error: { code: 'unauthorized', message: 'invalid or expired token' } }, 401),
    );
    await loading;
    expect(store.meeting).toBeNull();
    expect(store.status).toBe('error');
    expect(store.error?.unauthorized).toBe(true);
  });
});
