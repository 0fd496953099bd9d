/**
 * Phones first (issue 15) at 360×640: a delegate joins from the join page, the SWOT board
 * shows one quadrant at a time with tabs that carry counts, adding a card is one tap, a tab
 * switches quadrant (by tap and by arrow key), a card moved with Alt+→ is followed to its new
 * quadrant, the delegate votes on the priority list, and no page scrolls sideways.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
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

const sideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.runIf(run)('a delegate on a 360×640 phone', () => {
  it('joins, adds a card, switches quadrant and votes, without sideways scroll', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      departments: ['Phòng Y tế', 'Phòng Nông nghiệp và PTNT'],
    });
    const fac = created.facilitatorToken;
    const list = await api.createBoard(created.id, fac, { kind: 'priority', title: 'Ưu tiên' });
    const seed = await api.join({
      joinCode: created.joinCode,
      name: 'Người nhập',
      department: 'Phòng Y tế',
    });
    const doc = connectDoc(server.wsUrl, list.id, seed.token);
    try {
      await doc.waitSynced();
      for (const title of ['Trạm y tế xã', 'Kè chống sạt lở']) {
        addItem(doc.doc, {
          title,
          department: 'Phòng Y tế',
          author: { id: seed.participantId, name: 'Người nhập' },
        });
      }
      await doc.waitSaved();
    } finally {
      doc.destroy();
    }

    const user = await newUserPage(browser, {
      viewport: { width: 360, height: 640 },
      hasTouch: true,
    });
    const { page } = user;
    await page.goto(`${server.url}/join/${created.joinCode}`);
    expect(await sideways(page)).toBeLessThanOrEqual(0);
    await page.getByTestId('join-name').fill('Chị Lan');
    await page.getByTestId('join-department').selectOption('Phòng Y tế');
    await page.getByTestId('join-submit').click();
    await page.getByTestId('board').waitFor();

    // One quadrant at a time, chosen with tabs that show counts.
    const tabs = page.getByTestId('quadrant-tabs');
    await tabs.waitFor();
    await expect(page.getByTestId('quadrant-strengths').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('quadrant-threats').isVisible()).resolves.toBe(false);
    await expect(
      page.getByTestId('quadrant-tab-strengths').getAttribute('aria-selected'),
    ).resolves.toBe('true');

    // One tap adds a card.
    await page.getByTestId('quadrant-strengths').getByTestId('add-card').tap();
    await page.keyboard.type('Đội ngũ y tế tận tâm');
    await expect
      .poll(() =>
        page.getByTestId('quadrant-tab-strengths').getByTestId('quadrant-tab-count').innerText(),
      )
      .toBe('1');

    // A tap on a tab switches quadrant; arrow keys move between tabs.
    await page.getByTestId('quadrant-tab-threats').tap();
    await expect(page.getByTestId('quadrant-threats').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('quadrant-strengths').isVisible()).resolves.toBe(false);
    await page.getByTestId('quadrant-tab-threats').focus();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('quadrant-opportunities').isVisible()).resolves.toBe(true);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('quadrant-tab-opportunities');

    // Alt+→ moves the card to the next quadrant, and the view follows it there.
    await page.getByTestId('quadrant-tab-strengths').tap();
    await page.getByTestId('quadrant-strengths').getByTestId('card-text').focus();
    await page.keyboard.press('Alt+ArrowRight');
    await expect(page.getByTestId('quadrant-weaknesses').isVisible()).resolves.toBe(true);
    await expect
      .poll(() => page.getByTestId('quadrant-weaknesses').getByTestId('card').count())
      .toBe(1);
    await expect(
      page.getByTestId('quadrant-tab-weaknesses').getByTestId('quadrant-tab-count').innerText(),
    ).resolves.toBe('1');
    await expect(
      page.getByTestId('quadrant-tab-strengths').getByTestId('quadrant-tab-count').innerText(),
    ).resolves.toBe('0');
    // Touch has no drag between hidden quadrants: the card's "move to" menu moves it, and the
    // view follows it.
    await page.getByTestId('quadrant-weaknesses').getByTestId('card-move').selectOption('threats');
    await expect(page.getByTestId('quadrant-threats').isVisible()).resolves.toBe(true);
    await expect
      .poll(() => page.getByTestId('quadrant-threats').getByTestId('card').count())
      .toBe(1);
    await expect(
      page.getByTestId('quadrant-tab-threats').getAttribute('aria-selected'),
    ).resolves.toBe('true');
    expect(await sideways(page)).toBeLessThanOrEqual(0);

    // The facilitator opens a dot vote; the delegate votes on the phone.
    const facSocket = connectSocket(server.url, fac);
    try {
      await waitFor(() => expect(facSocket.state).not.toBeNull());
      const timed = facSocket.socket.timeout(5000) as unknown as {
        emitWithAck(e: string, p: unknown): Promise<{ ok: boolean }>;
      };
      const ack = await timed.emitWithAck('vote:open', {
        boardId: list.id,
        dotsPerVoter: 2,
        unit: 'person',
      });
      expect(ack.ok).toBe(true);
      await page.goto(`${server.url}/m/${created.id}/${list.id}`);
      await page.locator('[data-testid="vote-panel"][data-status="open"]').waitFor();
      const row = page.getByTestId('vote-item').filter({ hasText: 'Kè chống sạt lở' });
      await row.getByTestId('vote-plus').tap();
      await row.getByTestId('vote-plus').tap();
      await page.getByTestId('vote-cast').tap();
      await page.getByTestId('vote-sent').waitFor();
      expect(await sideways(page)).toBeLessThanOrEqual(0);
      // The server counted the ballot: the room sees one voter.
      await waitFor(() =>
        expect(facSocket.state!.votes[0]!.voters.map((v) => v.name)).toEqual(['Chị Lan']),
      );
    } finally {
      facSocket.close();
    }

    for (const path of ['/', `/record/${created.id}`]) {
      await page.goto(`${server.url}${path}`);
      await page.locator('main').first().waitFor();
      expect(await sideways(page), path).toBeLessThanOrEqual(0);
    }
    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
  });
});
