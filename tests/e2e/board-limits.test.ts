/**
 * The editor enforces the server's own board limits (docs/security.md, Limits), read from the
 * meeting answer: a server configured with short cards and few cards per board makes the
 * text field stop at its length and the add buttons stop at its count, saying why in
 * Vietnamese and in English, before the server ever has to correct anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const TEXT_MAX = 30;
const CARDS_MAX = 3;

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;

beforeAll(async () => {
  if (!run) return;
  server = await startServer({
    env: { CARD_TEXT_MAX: String(TEXT_MAX), CARDS_PER_BOARD_MAX: String(CARDS_MAX) },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
});

describe.skipIf(!run)('board limits in the editor', () => {
  it('stops the text at CARD_TEXT_MAX and new cards at CARDS_PER_BOARD_MAX, and says so', async () => {
    const created = await new ApiClient(server.url).createMeeting({ title: 'Giới hạn của bảng' });
    const user = await newUserPage(browser);
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await page.getByTestId('board').waitFor();
    await page.getByTestId('board-loading').waitFor({ state: 'detached' });

    const long = 'Trạm y tế xã cần thêm bác sĩ và thiết bị siêu âm';
    expect(long.length).toBeGreaterThan(TEXT_MAX);
    const addButtons = page.getByTestId('add-card');
    for (let i = 0; i < CARDS_MAX; i++) {
      expect(await page.getByTestId('board-full').count()).toBe(0);
      await addButtons.nth(i % 4).click();
      await page.keyboard.type(i === 0 ? long : `thẻ ${i}`);
    }
    const texts = page.getByTestId('card-text');
    await expect.poll(() => texts.count()).toBe(CARDS_MAX);
    expect(await texts.first().getAttribute('maxlength')).toBe(String(TEXT_MAX));
    const values = await texts.evaluateAll((els) =>
      els.map((el) => (el as HTMLTextAreaElement).value),
    );
    expect(values).toContain(long.slice(0, TEXT_MAX));

    // Full: every add button is off and the board says why.
    await page.getByTestId('board-full').waitFor();
    expect(await page.getByTestId('board-full').innerText()).toContain(`${CARDS_MAX} thẻ`);
    for (let i = 0; i < 4; i++) expect(await addButtons.nth(i).isDisabled()).toBe(true);
    await page.getByTestId('lang-switch').click();
    await expect
      .poll(() => page.getByTestId('board-full').innerText())
      .toContain(`limit of ${CARDS_MAX} cards`);

    // One card fewer: adding works again.
    await page.getByTestId('card-delete').first().click();
    await page.getByTestId('board-full').waitFor({ state: 'detached' });
    expect(await addButtons.first().isDisabled()).toBe(false);
    expect(user.consoleErrors.filter((e) => !/WebSocket|Failed to load resource/.test(e))).toEqual(
      [],
    );
    await user.context.close();
  });
});
