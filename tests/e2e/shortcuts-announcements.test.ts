/**
 * The shortcut sheet and the live region (issue 15), in Chromium: `?` opens a sheet that
 * lists the shortcuts of every board kind and the facilitator's controls, Esc closes it; a
 * burst of cards written by someone else is announced politely in a few summaries that
 * account for every card (not one announcement per card), and the person's own card is not
 * announced.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard } from '@shared/doc/swot-board';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectDoc } from '../support/yjs-client';

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

/** Every non-empty text the live region has held, recorded in the page as it changes. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __said: string[] };
    w.__said = [];
    const region = document.querySelector('[data-testid="live-announcer"]')!;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? '';
      if (text) w.__said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

const said = (page: Page) =>
  page.evaluate(() => (window as unknown as { __said: string[] }).__said);

/** How many changes the announcements account for (Vietnamese sentences). */
function changesIn(texts: readonly string[]): number {
  return texts.reduce((sum, s) => {
    const n = /có (\d+) thay đổi/.exec(s);
    if (n) return sum + Number(n[1]);
    return sum + (s.includes('vừa thêm một mục') ? 1 : 0);
  }, 0);
}

describe.runIf(run)('shortcut sheet and live announcements', () => {
  it('opens the sheet with ?, and announces others’ changes in a few summaries', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const view = await api.meeting(created.id, created.facilitatorToken);
    const boardId = view.boards[0]!.id;
    const me = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const other = await api.join({
      joinCode: created.joinCode,
      name: 'Anh Minh',
      department: 'Phòng Y tế',
    });

    const user = await newUserPage(browser);
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}/${boardId}#t=${me.token}`);
    await page.locator(`[data-testid="board"][data-board-id="${boardId}"]`).waitFor();

    // The sheet: `?` opens it, with every group; Esc closes it and focus returns to the page.
    await page.locator('body').press('?');
    const sheet = page.getByTestId('shortcut-sheet');
    await sheet.waitFor();
    const text = await sheet.innerText();
    for (const group of [
      'Mọi nơi',
      'Bảng SWOT',
      'Danh sách ưu tiên',
      'Bảng chỉ tiêu',
      'Người điều phối',
    ]) {
      expect(text).toContain(group);
    }
    expect(await sheet.getByTestId('shortcut').count()).toBeGreaterThanOrEqual(12);
    await page.keyboard.press('Escape');
    await sheet.waitFor({ state: 'hidden' });

    await recordAnnouncements(page);
    // My own card, added with the keyboard: never announced.
    await page.getByTestId('add-card').first().focus();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thẻ của tôi');
    await expect.poll(() => page.getByTestId('card').count()).toBe(1);

    // Someone else writes twelve cards, each its own update.
    const client = connectDoc(server.wsUrl, boardId, other.token);
    try {
      await client.waitSynced();
      const author = { id: other.participantId, name: 'Anh Minh', department: 'Phòng Y tế' };
      for (let i = 0; i < 12; i++)
        addCard(client.doc, { quadrant: 'threats', text: `Thách thức ${i + 1}`, author });
      await client.waitSaved();
    } finally {
      client.destroy();
    }
    await expect.poll(() => page.getByTestId('card').count()).toBe(13);
    await expect.poll(async () => changesIn(await said(page)), { timeout: 30_000 }).toBe(12);
    const texts = await said(page);
    // Folded: far fewer announcements than changes, naming who made them.
    expect(texts.length).toBeLessThan(12);
    expect(texts.join(' ')).toContain('Anh Minh');
    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
  });
});
