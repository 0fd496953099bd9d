/**
 * Issue 4's offline test in real browsers: a delegate loses the network (Playwright
 * `setOffline`), adds and edits cards, reloads the page while still offline (the service
 * worker serves the app shell, the meeting comes from localStorage, the board from
 * IndexedDB), then the network returns and the other person sees every edit. The connection
 * indicator is recorded on every change, across the reload, and its sequence is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  browserAvailable,
  launchBrowser,
  newUserPage,
} from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
});

/** One observed value of the indicator, or a mark the test put in the timeline. */
type Entry = { state: string; unsaved: number } | { mark: string };

/**
 * Records `connection-status` (data-state, data-unsaved) each time it changes, from the first
 * paint of every page load, through a MutationObserver that reports to the test.
 */
async function recordConnection(page: Page): Promise<Entry[]> {
  const timeline: Entry[] = [];
  await page.exposeFunction('__bantronConnection', (state: string, unsaved: string) => {
    timeline.push({ state, unsaved: Number(unsaved) });
  });
  await page.addInitScript(() => {
    let last = '';
    const report = (): void => {
      const el = document.querySelector('[data-testid="connection-status"]');
      if (!el) return;
      const state = el.getAttribute('data-state') ?? '';
      const unsaved = el.getAttribute('data-unsaved') ?? '';
      if (`${state}|${unsaved}` === last) return;
      last = `${state}|${unsaved}`;
      const w = window as unknown as { __bantronConnection: (s: string, u: string) => void };
      void w.__bantronConnection(state, unsaved);
    };
    new MutationObserver(report).observe(document, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['data-state', 'data-unsaved'],
    });
  });
  return timeline;
}

/** Asserts that `timeline` contains entries matching `steps`, in this order (others may come between). */
function expectInOrder(
  timeline: readonly Entry[],
  steps: readonly { name: string; test: (e: Entry) => boolean }[],
): void {
  let at = 0;
  for (const step of steps) {
    while (at < timeline.length && !step.test(timeline[at] as Entry)) at++;
    expect(at, `"${step.name}" not found in order in ${JSON.stringify(timeline)}`).toBeLessThan(
      timeline.length,
    );
    at++;
  }
}

const isState = (state: string, unsaved: (n: number) => boolean) => (e: Entry) =>
  'state' in e && e.state === state && unsaved(e.unsaved);
const isMark = (mark: string) => (e: Entry) => 'mark' in e && e.mark === mark;

const cardTexts = (page: Page, quadrant: string) =>
  page
    .getByTestId(`quadrant-${quadrant}`)
    .getByTestId('card-text')
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));

/** How many updates the page's IndexedDB cache holds for `boardId` (y-indexeddb's store). */
async function cachedUpdates(page: Page, boardId: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open(name);
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('updates')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('updates').objectStore('updates').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
    `bantron-board-${boardId}`,
  );
}

describe.skipIf(!run)('offline editing', () => {
  it('keeps offline edits through a reload and delivers them when the network returns', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      departments: ['Phòng Y tế', 'Phòng Dân tộc'],
    });
    const joined = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const fac = await newUserPage(browser);
    const del = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
    const timeline = await recordConnection(del.page);
    const status = del.page.getByTestId('connection-status');
    await del.page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);
    await del.page.getByTestId('board-loading').waitFor({ state: 'detached' });

    // A board added during the meeting, opened from the live board list (no page load): it
    // must still be known to a reload offline.
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'swot',
      title: 'SWOT – Xã Mường Lống',
    });
    const boardPath = `/m/${created.id}/${board.id}`;
    await del.page.getByTestId('board-drawer-toggle').click();
    await del.page.getByTestId('board-link').filter({ hasText: 'Mường Lống' }).click();
    await fac.page.goto(`${server.url}${boardPath}#t=${created.facilitatorToken}`);
    for (const p of [fac.page, del.page]) {
      await p.locator(`[data-testid="board"][data-board-id="${board.id}"]`).waitFor();
      await p.getByTestId('board-loading').waitFor({ state: 'detached' });
    }
    // The app shell is precached and the worker controls the page: it can now load offline.
    await del.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
      timeout: 15_000,
    });
    await expect.poll(() => status.getAttribute('data-state')).toBe('online');
    await expect.poll(() => status.getAttribute('data-unsaved')).toBe('0');

    // --- offline: add two cards and edit one ------------------------------------------
    timeline.push({ mark: 'offline' });
    await del.context.setOffline(true);
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
    await del.page.getByTestId('quadrant-strengths').getByTestId('add-card').click();
    await del.page.keyboard.type('Nước sạch cho 3 xã vùng cao');
    // A phone shows one quadrant at a time: the delegate switches with the tabs.
    await del.page.getByTestId('quadrant-tab-threats').click();
    await del.page.getByTestId('quadrant-threats').getByTestId('add-card').click();
    await del.page.keyboard.type('Sạt lở đất mùa mưa');
    await del.page.getByTestId('quadrant-tab-strengths').click();
    const first = del.page.getByTestId('quadrant-strengths').getByTestId('card-text').first();
    await first.click();
    await first.press('End');
    const storedBefore = await cachedUpdates(del.page, board.id);
    const typed = ' (ưu tiên)';
    await del.page.keyboard.type(typed);
    // Every keystroke is one update the browser keeps in IndexedDB; the reload below must
    // find each of them there (a reload racing the last write would test the race, not the
    // cache).
    await expect
      .poll(() => cachedUpdates(del.page, board.id))
      .toBeGreaterThanOrEqual(storedBefore + [...typed].length);
    await expect
      .poll(async () => Number(await status.getAttribute('data-unsaved')))
      .toBeGreaterThan(0);
    expect(await status.getAttribute('data-state')).toBe('offline');

    // --- reload while still offline: the edits are still there ----------------------------
    timeline.push({ mark: 'reload' });
    const response = await del.page.reload();
    expect(response?.fromServiceWorker()).toBe(true);
    await del.page.locator(`[data-testid="board"][data-board-id="${board.id}"]`).waitFor();
    await del.page.getByTestId('board-loading').waitFor({ state: 'detached' });
    await expect
      .poll(() => cardTexts(del.page, 'strengths'))
      .toEqual(['Nước sạch cho 3 xã vùng cao (ưu tiên)']);
    await expect.poll(() => cardTexts(del.page, 'threats')).toEqual(['Sạt lở đất mùa mưa']);
    await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
    await expect
      .poll(async () => Number(await status.getAttribute('data-unsaved')))
      .toBeGreaterThan(0);
    // Nothing reached the other person while the link was down.
    expect(await cardTexts(fac.page, 'strengths')).toEqual([]);

    // --- back online: saved, and the other person sees every edit -------------------------
    timeline.push({ mark: 'online' });
    await del.context.setOffline(false);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000 }).toBe('online');
    await expect.poll(() => status.getAttribute('data-unsaved'), { timeout: 15_000 }).toBe('0');
    await expect
      .poll(() => cardTexts(fac.page, 'strengths'), { timeout: 15_000 })
      .toEqual(['Nước sạch cho 3 xã vùng cao (ưu tiên)']);
    await expect.poll(() => cardTexts(fac.page, 'threats')).toEqual(['Sạt lở đất mùa mưa']);
    await expect
      .poll(() =>
        fac.page.getByTestId('quadrant-strengths').getByTestId('card-author').first().innerText(),
      )
      .toContain('Chị Lan');

    expectInOrder(timeline, [
      { name: 'saved before', test: isState('online', (n) => n === 0) },
      { name: 'offline mark', test: isMark('offline') },
      { name: 'offline', test: isState('offline', () => true) },
      { name: 'offline with unsaved changes', test: isState('offline', (n) => n > 0) },
      { name: 'reload mark', test: isMark('reload') },
      { name: 'offline with unsaved after reload', test: isState('offline', (n) => n > 0) },
      { name: 'online mark', test: isMark('online') },
      { name: 'saved after', test: isState('online', (n) => n === 0) },
    ]);
    // After the reload the indicator never claimed "saved" while offline.
    const afterReload = timeline.slice(
      timeline.findIndex(isMark('reload')),
      timeline.findIndex(isMark('online')),
    );
    expect(afterReload.some(isState('online', () => true))).toBe(false);

    const unexpected = (errors: string[]) =>
      errors.filter((e) => !/WebSocket|Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e));
    expect(unexpected(del.consoleErrors)).toEqual([]);
    expect(unexpected(fac.consoleErrors)).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });

  it('opens offline without a cached meeting, then loads by itself when the network returns', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({ title: 'Hội nghị bàn tròn (dữ liệu mẫu)' });
    const user = await newUserPage(browser);
    await user.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await user.page.getByTestId('board-loading').waitFor({ state: 'detached' });
    await user.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, {
      timeout: 15_000,
    });
    // This device never saw the meeting: no cached view to fall back on.
    await user.page.evaluate((id) => localStorage.removeItem(`bantron:meeting:${id}`), created.id);

    await user.context.setOffline(true);
    await user.page.reload();
    await user.page.getByTestId('error-banner').waitFor();
    expect(await user.page.locator('body').innerText()).toContain('Không kết nối được máy chủ');
    await user.context.setOffline(false);
    await user.page.getByTestId('board-loading').waitFor({ state: 'detached', timeout: 15_000 });
    await expect
      .poll(() => user.page.getByTestId('connection-status').getAttribute('data-state'))
      .toBe('online');
    await user.context.close();
  });

  it('works without a service worker on a plain-http LAN address', async () => {
    // A name that is not localhost makes http:// an insecure context, as on the hall's LAN.
    const lan = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--host-resolver-rules=MAP hall.lan 127.0.0.1'],
    });
    try {
      const api = new ApiClient(server.url);
      const created = await api.createMeeting({ title: 'Hội nghị bàn tròn (dữ liệu mẫu)' });
      const user = await newUserPage(lan);
      const base = `http://hall.lan:${server.port}`;
      await user.page.goto(`${base}/m/${created.id}#t=${created.facilitatorToken}`);
      await user.page.getByTestId('board-loading').waitFor({ state: 'detached' });
      expect(
        await user.page.evaluate(() => ({
          secure: window.isSecureContext,
          worker: 'serviceWorker' in navigator,
        })),
      ).toEqual({ secure: false, worker: false });
      const status = user.page.getByTestId('connection-status');
      await expect.poll(() => status.getAttribute('data-state')).toBe('online');

      // An open page still keeps offline edits and sends them when the link returns.
      await user.context.setOffline(true);
      await expect.poll(() => status.getAttribute('data-state')).toBe('offline');
      await user.page.getByTestId('quadrant-opportunities').getByTestId('add-card').click();
      await user.page.keyboard.type('Đường liên xã');
      await expect
        .poll(async () => Number(await status.getAttribute('data-unsaved')))
        .toBeGreaterThan(0);
      await user.context.setOffline(false);
      await expect.poll(() => status.getAttribute('data-unsaved'), { timeout: 15_000 }).toBe('0');
      await expect.poll(() => status.getAttribute('data-state')).toBe('online');

      // Chromium also complains that helmet's Cross-Origin-Opener-Policy header is ignored on
      // an untrustworthy origin: a server header, not an app error (see the report).
      expect(
        user.consoleErrors.filter(
          (e) =>
            !/WebSocket|Failed to load resource|ERR_INTERNET_DISCONNECTED|Cross-Origin-Opener-Policy/.test(
              e,
            ),
        ),
      ).toEqual([]);
      await user.context.close();
    } finally {
      await lan.close();
    }
  });
});
