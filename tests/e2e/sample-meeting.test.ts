/**
 * The first-run path (issue 15): one click on the home page makes a sample meeting, labelled
 * as sample data, and every one of its pages opens without a console error: each board of
 * each kind in the workspace (SWOT cards, the priority list with its revealed vote, the
 * indicator table with forecasts), the projector and the record. Production build, real server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { MeetingView } from '@shared/schemas/http';
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

describe.runIf(run)('the sample meeting', () => {
  it('is made in one click, labelled, and every page of it opens cleanly', async () => {
    const user = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const { page } = user;
    await page.goto(`${server.url}/`);
    await page.getByTestId('create-sample').click();
    await page.waitForURL(/\/m\/[^/]+/);
    await expect.poll(() => page.getByTestId('meeting-title').innerText()).toContain('dữ liệu mẫu');
    await expect(page.getByTestId('sample-badge').first().innerText()).resolves.toBe('Dữ liệu mẫu');

    const meetingId = new URL(page.url()).pathname.split('/')[2]!;
    // What the home page stored for this meeting: the facilitator token and the projector link.
    const stored = await page.evaluate((id) => {
      const known = JSON.parse(localStorage.getItem('bantron:meetings') ?? '[]') as {
        id: string;
        observerToken?: string;
      }[];
      return {
        token: localStorage.getItem(`bantron:token:${id}`),
        observerToken: known.find((m) => m.id === id)?.observerToken ?? null,
      };
    }, meetingId);
    const token = stored.token;
    expect(token).not.toBeNull();
    expect(stored.observerToken).not.toBeNull();
    const res = await fetch(`${server.url}/api/meetings/${meetingId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const view = MeetingView.parse(await res.json());

    for (const board of view.boards) {
      await page.goto(`${server.url}/m/${meetingId}/${board.id}`);
      await page.locator(`[data-testid="board"][data-board-id="${board.id}"]`).waitFor();
      if (board.kind === 'swot' && board.department === null) {
        await expect.poll(() => page.getByTestId('card').count()).toBe(8);
      }
      if (board.kind === 'priority') {
        await expect.poll(() => page.getByTestId('item-title').count()).toBe(4);
        await expect.poll(() => page.getByTestId('vote-result-row').count()).toBe(4);
      }
      if (board.kind === 'indicators') {
        await expect.poll(() => page.getByTestId('indicator-row').count()).toBe(5);
        await page.getByTestId('open-forecast').first().click();
        await expect
          .poll(() => page.getByTestId('method-cagr').getByTestId('method-result').innerText())
          .toMatch(/^\d+(,\d+)?$/);
      }
      // A phone never scrolls sideways: report the elements that stick out, if any.
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          .filter((el) => {
            // Only the outermost: an element inside a box that scrolls is fine.
            for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
              if (p.scrollWidth > p.clientWidth && getComputedStyle(p).overflowX !== 'visible')
                return false;
              if (p.getBoundingClientRect().right > window.innerWidth + 1) return false;
            }
            return true;
          })
          .slice(0, 8)
          .map(
            (el) => `${el.tagName}.${el.className} ${Math.round(el.getBoundingClientRect().right)}`,
          ),
      );
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${board.kind} ${board.title}: ${wide.join(', ')}`).toBeLessThanOrEqual(0);
    }

    const proj = await newUserPage(browser, { viewport: { width: 1280, height: 720 } });
    await proj.page.goto(`${server.url}/present/${meetingId}#t=${stored.observerToken!}`);
    await proj.page.getByTestId('present-board').waitFor();
    await proj.page.getByTestId('sample-badge').waitFor();

    await page.goto(`${server.url}/record/${meetingId}`);
    await page.getByTestId('record-details').waitFor();
    await page.getByTestId('sample-badge').waitFor();
    await expect.poll(() => page.getByTestId('record-card').count()).toBeGreaterThanOrEqual(10);

    await page.goto(`${server.url}/`);
    await page.getByTestId('known-meeting').getByTestId('sample-badge').waitFor();

    expect(user.consoleErrors).toEqual([]);
    expect(proj.consoleErrors).toEqual([]);
    await user.context.close();
    await proj.context.close();
  });
});
