/**
 * Search across the meeting (issue 15), in Chromium: from the district board a delegate
 * presses `/`, types "thach thuc" without diacritics and finds the card "Thách thức …" on a
 * department's board, with the matched words highlighted; the keyboard alone opens it, and
 * the card is shown and focused on its own board. A list item and an indicator are found too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { addRow } from '@shared/doc/indicators';
import { addItem } from '@shared/doc/priority-list';
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

describe.runIf(run)('search across the meeting', () => {
  it('finds "thach thuc" in a card on another board and opens it from the keyboard', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      departments: ['Phòng Y tế', 'Phòng Dân tộc'],
    });
    const fac = created.facilitatorToken;
    const delegate = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const view = await api.meeting(created.id, fac);
    const district = view.boards.find((b) => b.department === null)!;
    const health = view.boards.find((b) => b.department === 'Phòng Y tế')!;
    const list = await api.createBoard(created.id, fac, { kind: 'priority', title: 'Ưu tiên' });
    const table = await api.createBoard(created.id, fac, { kind: 'indicators', title: 'Chỉ tiêu' });

    const author = { id: delegate.participantId, name: 'Chị Lan', department: 'Phòng Y tế' };
    const docs = [health.id, list.id, table.id].map((id) =>
      connectDoc(server.wsUrl, id, delegate.token),
    );
    let cardId: string;
    try {
      await Promise.all(docs.map((d) => d.waitSynced()));
      addCard(docs[0]!.doc, { quadrant: 'strengths', text: 'Trạm y tế đạt chuẩn', author });
      cardId = addCard(docs[0]!.doc, {
        quadrant: 'threats',
        text: 'Thách thức: thiếu bác sĩ vùng cao',
        author,
      });
      addItem(docs[1]!.doc, { title: 'Đưa bác sĩ về vùng cao', department: 'Phòng Y tế', author });
      addRow(docs[2]!.doc, { name: 'Số bác sĩ trên một vạn dân', unit: 'người', author });
      await Promise.all(docs.map((d) => d.waitSaved()));
    } finally {
      for (const d of docs) d.destroy();
    }

    const user = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}/${district.id}#t=${delegate.token}`);
    await page.locator(`[data-testid="board"][data-board-id="${district.id}"]`).waitFor();

    // `/` opens the search with the box focused.
    await page.locator('body').press('/');
    await page.getByTestId('search-panel').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input');
    await page.keyboard.type('thach thuc');
    const result = page.getByTestId('search-result');
    await expect.poll(() => result.count()).toBe(1);
    await expect(result.first().getAttribute('data-entry-id')).resolves.toBe(cardId);
    await expect(result.first().locator('mark').allInnerTexts()).resolves.toEqual([
      'Thách',
      'thức',
    ]);
    expect(await result.first().innerText()).toContain('Phòng Y tế');

    // Every kind is searched: "bac si" is in the card, the list item and the indicator.
    await page.getByTestId('search-input').fill('bac si');
    await expect.poll(() => result.count()).toBe(3);
    await page.getByTestId('search-input').fill('thach thuc');
    await expect.poll(() => result.count()).toBe(1);

    // Enter opens the best result: its board, the card in view and focused.
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/m/${created.id}/${health.id}`));
    await expect
      .poll(() =>
        page.evaluate(
          () =>
            document.activeElement?.closest('[data-card-id]')?.getAttribute('data-card-id') ?? null,
        ),
      )
      .toBe(cardId);
    await expect(page.getByTestId('search-panel').isVisible()).resolves.toBe(false);

    // Typing `/` inside a card's text is a character, not the shortcut.
    await page.keyboard.press('End');
    await page.keyboard.type(' /');
    await expect(page.getByTestId('search-panel').isVisible()).resolves.toBe(false);

    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
  });

  it('loads the dialog on demand: offline it says it is loading, then opens focused when the link returns', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const delegate = await api.join({
      joinCode: created.joinCode,
      name: 'Anh Minh',
      department: 'Phòng Y tế',
    });
    // No service worker: nothing of the app is cached but what the page has loaded.
    const user = await newUserPage(browser, { serviceWorkers: 'block' });
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}#t=${delegate.token}`);
    await page.getByTestId('board-loading').waitFor({ state: 'detached' });
    // The first page does not carry the dialog: it is fetched when first opened.
    await expect(page.getByTestId('search-panel').count()).resolves.toBe(0);

    await user.context.setOffline(true);
    await page.locator('body').press('/');
    await page.getByTestId('lazy-loading').waitFor();
    await expect(page.getByTestId('search-panel').count()).resolves.toBe(0);

    await user.context.setOffline(false);
    await page.getByTestId('search-panel').waitFor();
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('search-input');
    await expect(page.getByTestId('lazy-loading').count()).resolves.toBe(0);
    // Its messages came with it (a missing one would show as its key).
    await expect(page.getByTestId('search-status').innerText()).resolves.not.toMatch(/search\./);
    await page.keyboard.press('Escape');
    await page.getByTestId('search-panel').waitFor({ state: 'hidden' });

    // Only the requests the network refused while offline.
    expect(
      user.consoleErrors.filter(
        (e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e),
      ),
    ).toEqual([]);
    await user.context.close();
  });
});
