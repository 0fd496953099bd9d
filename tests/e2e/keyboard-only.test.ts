/**
 * Keyboard only (issue 15): a delegate creates a card, moves it to another quadrant,
 * reorders it and votes for a priority item with the keyboard alone: Tab reaches each
 * control (no mouse, no programmatic focus), Enter and Alt+arrows act.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard } from '@shared/doc/swot-board';
import { addItem } from '@shared/doc/priority-list';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectSocket } from '../support/socket-client';
import { waitFor } from '../support/wait-for';
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

/** Presses Tab until the focused element matches `selector` (at most `max` presses). */
async function tabTo(page: Page, selector: string, max = 150): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const texts = (page: Page, quadrant: string) =>
  page
    .getByTestId(`quadrant-${quadrant}`)
    .getByTestId('card-text')
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));

describe.runIf(run)('keyboard only', () => {
  it('creates, moves and reorders a card and votes, without the mouse', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const fac = created.facilitatorToken;
    const view = await api.meeting(created.id, fac);
    const boardId = view.boards[0]!.id;
    const list = await api.createBoard(created.id, fac, { kind: 'priority', title: 'Ưu tiên' });
    const me = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const author = { id: me.participantId, name: 'Chị Lan', department: 'Phòng Y tế' };
    const swot = connectDoc(server.wsUrl, boardId, me.token);
    const pl = connectDoc(server.wsUrl, list.id, me.token);
    try {
      await Promise.all([swot.waitSynced(), pl.waitSynced()]);
      addCard(swot.doc, { quadrant: 'weaknesses', text: 'Thẻ có sẵn', author });
      addItem(pl.doc, { title: 'Trạm y tế xã', department: 'Phòng Y tế', author });
      await Promise.all([swot.waitSaved(), pl.waitSaved()]);
    } finally {
      swot.destroy();
      pl.destroy();
    }

    const user = await newUserPage(browser);
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}/${boardId}#t=${me.token}`);
    await page.getByTestId('card').first().waitFor();

    // Create: Tab to "add card" in Strengths, Enter, type.
    await tabTo(page, '[data-testid="quadrant-strengths"] [data-testid="add-card"]');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Thẻ mới bằng bàn phím');
    await expect.poll(() => texts(page, 'strengths')).toEqual(['Thẻ mới bằng bàn phím']);
    // Visible focus: the focused card draws a ring.
    expect(
      await page.evaluate(
        () =>
          getComputedStyle(document.activeElement!.closest('[data-testid="card"]')!).outlineStyle,
      ),
    ).toBe('solid');

    // Move to the next quadrant (Weaknesses): it keeps its place, first, above the card there.
    await page.keyboard.press('Alt+ArrowRight');
    await expect
      .poll(() => texts(page, 'weaknesses'))
      .toEqual(['Thẻ mới bằng bàn phím', 'Thẻ có sẵn']);
    // Reorder: down one place; the focus stays on the card.
    await page.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(() => texts(page, 'weaknesses'))
      .toEqual(['Thẻ có sẵn', 'Thẻ mới bằng bàn phím']);
    expect(await page.evaluate(() => (document.activeElement as HTMLTextAreaElement).value)).toBe(
      'Thẻ mới bằng bàn phím',
    );

    // Vote: the facilitator opens a round; the delegate reaches + and "cast" with Tab.
    const facSocket = connectSocket(server.url, fac);
    try {
      await waitFor(() => expect(facSocket.state).not.toBeNull());
      const timed = facSocket.socket.timeout(5000) as unknown as {
        emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }>;
      };
      expect(
        (
          await timed.emitWithAck('vote:open', {
            boardId: list.id,
            dotsPerVoter: 1,
            unit: 'person',
          })
        ).ok,
      ).toBe(true);
      await page.goto(`${server.url}/m/${created.id}/${list.id}`);
      await page.locator('[data-testid="vote-panel"][data-status="open"]').waitFor();
      await tabTo(page, '[data-testid="vote-plus"]');
      await page.keyboard.press('Enter');
      await tabTo(page, '[data-testid="vote-cast"]');
      await page.keyboard.press('Enter');
      await page.getByTestId('vote-sent').waitFor();
      await waitFor(() =>
        expect(facSocket.state!.votes[0]!.voters.map((v) => v.name)).toEqual(['Chị Lan']),
      );
    } finally {
      facSocket.close();
    }
    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
  });
});
