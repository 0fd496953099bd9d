/**
 * Two people in two browsers (separate Chromium contexts) on one SWOT board: create, join,
 * co-edit, move, undo, reload, language. Against the real production build and server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

/** The facilitator creates a meeting on the home page; returns its join code and the meeting page. */
async function createMeeting(page: Page): Promise<string> {
  await page.goto(server.url + '/');
  await page.getByTestId('create-title').fill('Hội nghị bàn tròn (dữ liệu mẫu)');
  await page.getByTestId('create-district').fill('Huyện Mẫu');
  await page.getByTestId('create-submit').click();
  const code = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z0-9]{6}$/);
  await page.getByTestId('open-meeting').click();
  await page.getByTestId('board').waitFor();
  return code;
}

async function join(page: Page, code: string, name: string): Promise<void> {
  await page.goto(`${server.url}/join/${code}`);
  await page.getByTestId('join-name').fill(name);
  await page.getByTestId('join-department').selectOption({ index: 1 });
  await page.getByTestId('join-submit').click();
  await page.getByTestId('board').waitFor();
}

/** Both pages open the same board (the first one in the list). */
async function openSameBoard(a: Page, b: Page): Promise<void> {
  const first = a.getByTestId('board-link').first();
  const boardId = await first.getAttribute('data-board-id');
  const href = await first.getAttribute('href');
  await first.click();
  // On a phone the board list is folded away: go by the board's address.
  await b.goto(server.url + href);
  for (const p of [a, b]) {
    await p.locator(`[data-testid="board"][data-board-id="${boardId}"]`).waitFor();
    await p.getByTestId('board-loading').waitFor({ state: 'detached' });
  }
}

describe.skipIf(!run)('live SWOT board in two browsers', () => {
  it('co-edits, moves and undoes, survives a reload, and switches language', async () => {
    const fac = await newUserPage(browser);
    const del = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
    const code = await createMeeting(fac.page);
    await join(del.page, code, 'Chị Lan');
    await openSameBoard(fac.page, del.page);

    // The delegate adds a card; the facilitator sees it with its author.
    await del.page.getByTestId('quadrant-strengths').getByTestId('add-card').click();
    await del.page.keyboard.type('Rừng đầu nguồn được bảo vệ');
    const onFac = fac.page.getByTestId('quadrant-strengths').getByTestId('card').first();
    const facText = onFac.getByTestId('card-text');
    await expect.poll(() => facText.inputValue()).toBe('Rừng đầu nguồn được bảo vệ');
    await expect.poll(() => onFac.getByTestId('card-author').innerText()).toContain('Chị Lan');

    // Both edit the same card; both keep their characters.
    await facText.click();
    await facText.press('End');
    await fac.page.keyboard.type(' tốt');
    const delText = del.page.getByTestId('quadrant-strengths').getByTestId('card-text').first();
    await delText.click();
    await delText.press('Home');
    await del.page.keyboard.type('Có ');
    const expected = 'Có Rừng đầu nguồn được bảo vệ tốt';
    await expect.poll(() => facText.inputValue()).toBe(expected);
    await expect.poll(() => delText.inputValue()).toBe(expected);

    // Presence: each sees the other.
    await expect.poll(() => fac.page.getByTestId('presence-bar').innerText()).toContain('Chị Lan');

    // Keyboard move to the next quadrant; the other screen follows.
    await delText.focus();
    await del.page.keyboard.press('Alt+ArrowRight');
    await expect
      .poll(() =>
        fac.page.getByTestId('quadrant-weaknesses').getByTestId('card-text').first().inputValue(),
      )
      .toBe(expected);
    await expect
      .poll(() => fac.page.getByTestId('quadrant-strengths').getByTestId('card').count())
      .toBe(0);

    // Undo undoes only my own edit (the move), not the other person's typing.
    await del.page.getByTestId('undo').click();
    await expect
      .poll(() =>
        fac.page.getByTestId('quadrant-strengths').getByTestId('card-text').first().inputValue(),
      )
      .toBe(expected);

    // Saved, then reload both: everything is still there.
    await expect
      .poll(() => del.page.getByTestId('connection-status').getAttribute('data-unsaved'))
      .toBe('0');
    await Promise.all([fac.page.reload(), del.page.reload()]);
    for (const p of [fac.page, del.page]) {
      await expect
        .poll(
          () => p.getByTestId('quadrant-strengths').getByTestId('card-text').first().inputValue(),
          { timeout: 15_000 },
        )
        .toBe(expected);
    }

    // Language switch: Vietnamese by default, English on demand.
    const heading = del.page.getByTestId('quadrant-strengths');
    await expect.poll(() => heading.innerText()).toContain('Điểm mạnh');
    await del.page.getByTestId('lang-switch').click();
    await expect.poll(() => heading.innerText()).toContain('Strengths');
    await expect.poll(() => del.page.evaluate(() => document.documentElement.lang)).toBe('en');

    expect(fac.consoleErrors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual(
      [],
    );
    await fac.context.close();
    await del.context.close();
  });

  it('shows card text as text, never as HTML', async () => {
    const fac = await newUserPage(browser);
    const del = await newUserPage(browser);
    const code = await createMeeting(fac.page);
    await join(del.page, code, 'Anh Minh');
    await openSameBoard(fac.page, del.page);
    const evil = '<img src=x onerror=alert(1)>';
    await del.page.getByTestId('quadrant-threats').getByTestId('add-card').click();
    await del.page.keyboard.type(evil);
    const onFac = fac.page.getByTestId('quadrant-threats').getByTestId('card-text').first();
    await expect.poll(() => onFac.inputValue()).toBe(evil);
    await fac.page.reload();
    await expect
      .poll(() =>
        fac.page.getByTestId('quadrant-threats').getByTestId('card-text').first().inputValue(),
      )
      .toBe(evil);
    expect(await fac.page.locator('img[src="x"]').count()).toBe(0);
    expect(fac.dialogs).toEqual([]);
    expect(del.dialogs).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });
});
