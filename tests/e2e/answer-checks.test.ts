/**
 * The background checks of the server's answers (client/src/api/contract.ts), in Chromium
 * against the production build and its CSP: the shared schemas run in a worker, off the
 * page's main thread, and an answer that does not match them (a page older or newer than the
 * server) makes every screen ask for a reload. The answer is the real server's, fetched
 * through the route and changed the way a newer server would change it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { MeetingView } from '@shared/schemas/http';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
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

describe.runIf(run)('answers checked in the background', () => {
  it('runs the schemas in a worker, and an answer that does not match asks for a reload', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị thử (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const joined = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const del = await newUserPage(browser, { serviceWorkers: 'block' });
    // A newer server: a role this page has never heard of.
    await del.page.route(`${server.url}/api/meetings/${created.id}`, async (route) => {
      const response = await route.fetch();
      const view = (await response.json()) as MeetingView;
      await route.fulfill({
        response,
        json: { ...view, me: { ...view.me, role: 'rapporteur' } },
      });
    });
    // Recorded in the page when the board first appears, so a slow machine cannot let the
    // check run between the board showing and the test looking.
    await del.page.addInitScript(() => {
      const seen = new MutationObserver(() => {
        if (!document.querySelector('[data-testid="board"]')) return;
        seen.disconnect();
        (window as unknown as { bannerWithBoard: boolean }).bannerWithBoard =
          document.querySelector('[data-testid="contract-mismatch"]') !== null;
      });
      seen.observe(document, { childList: true, subtree: true });
    });
    const worker = del.page.waitForEvent('worker');
    await del.page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);
    await del.page.getByTestId('board').waitFor();
    // The page uses the answer at once; the check comes later, in the worker.
    expect(await del.page.evaluate('window.bannerWithBoard')).toBe(false);
    expect((await worker).url()).toMatch(/\/assets\/contract-worker-[\w-]+\.js$/);
    await del.page.getByTestId('contract-mismatch').waitFor({ timeout: 20_000 });
    expect(del.consoleErrors.join('\n')).toMatch(/MeetingView does not match/);
    await del.context.close();
  });
});
