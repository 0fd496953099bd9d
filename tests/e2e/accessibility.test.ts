/**
 * axe-core on every kind of page (issue 15): home, join, a SWOT board, a priority list, an
 * indicators board, the projector and the record page, each with content in it, in Chromium
 * against the production build. No serious or critical violation is allowed; the report
 * names the rule and the elements so a failure says what to fix.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard } from '@shared/doc/swot-board';
import { addItem } from '@shared/doc/priority-list';
import { addRow } from '@shared/doc/indicators';
import { ApiClient } from '../support/api';
import { seriousViolations } from '../support/axe';
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

/** Violations by page, gathered over the whole walk so one run reports every page. */
const findings: Record<string, unknown[]> = {};

async function expectAccessible(page: Page, name: string): Promise<void> {
  const found = await seriousViolations(page);
  if (found.length > 0) findings[name] = found;
}

describe.runIf(run)('accessibility (axe-core)', () => {
  it('has no serious or critical violation on any kind of page', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế', 'Phòng Nông nghiệp và PTNT'],
    });
    const fac = created.facilitatorToken;
    const delegate = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const view = await api.meeting(created.id, fac);
    const swotId = view.boards[0]!.id;
    const list = await api.createBoard(created.id, fac, {
      kind: 'priority',
      title: 'Danh sách ưu tiên',
    });
    const table = await api.createBoard(created.id, fac, {
      kind: 'indicators',
      title: 'Chỉ tiêu – Phòng Y tế',
    });

    // Content in each board, written by a real y-websocket client.
    const author = { id: delegate.participantId, name: 'Chị Lan', department: 'Phòng Y tế' };
    const swot = connectDoc(server.wsUrl, swotId, delegate.token);
    const pl = connectDoc(server.wsUrl, list.id, delegate.token);
    const ind = connectDoc(server.wsUrl, table.id, delegate.token);
    try {
      await Promise.all([swot.waitSynced(), pl.waitSynced(), ind.waitSynced()]);
      addCard(swot.doc, { quadrant: 'strengths', text: 'Trạm y tế xã đạt chuẩn', author });
      addCard(swot.doc, { quadrant: 'threats', text: 'Thách thức: thiếu bác sĩ', author });
      addItem(pl.doc, {
        title: 'Nâng cấp trạm y tế',
        department: 'Phòng Y tế',
        cost: 1_500_000_000,
        author,
      });
      addRow(ind.doc, { name: 'Tỷ lệ hộ nghèo', unit: '%', author });
      await Promise.all([swot.waitSaved(), pl.waitSaved(), ind.waitSaved()]);
    } finally {
      swot.destroy();
      pl.destroy();
      ind.destroy();
    }

    const user = await newUserPage(browser, { bypassCSP: true });
    const { page } = user;

    await page.goto(`${server.url}/`);
    await page.getByTestId('create-meeting-form').waitFor();
    await expectAccessible(page, 'home');

    await page.goto(`${server.url}/join/${created.joinCode}`);
    await page.getByTestId('join-submit').waitFor();
    await expectAccessible(page, 'join');

    await page.goto(`${server.url}/m/${created.id}/${swotId}#t=${delegate.token}`);
    await page.getByTestId('card').first().waitFor();
    await expectAccessible(page, 'SWOT board');
    // The search dialog with results.
    await page.getByTestId('search-open').click();
    await page.getByTestId('search-input').fill('thach thuc');
    await page.getByTestId('search-result').first().waitFor();
    await expectAccessible(page, 'search');
    await page.keyboard.press('Escape');

    await page.goto(`${server.url}/m/${created.id}/${list.id}#t=${delegate.token}`);
    await page.locator('[data-testid="board"][data-board-kind="priority"]').waitFor();
    await page.getByTestId('item-title').first().waitFor();
    await expectAccessible(page, 'priority list');

    await page.goto(`${server.url}/m/${created.id}/${table.id}#t=${delegate.token}`);
    await page.getByTestId('indicator-row').first().waitFor();
    await expectAccessible(page, 'indicators');

    const proj = await newUserPage(browser, {
      viewport: { width: 1024, height: 768 },
      bypassCSP: true,
    });
    await proj.page.goto(`${server.url}/present/${created.id}#t=${created.observerToken}`);
    await proj.page.getByTestId('present-board').waitFor();
    await expectAccessible(proj.page, 'projector');

    await page.goto(`${server.url}/record/${created.id}#t=${fac}`);
    await page.getByTestId('record-details').waitFor();
    await expectAccessible(page, 'record');

    // The facilitator's workspace carries more controls than a delegate's.
    await page.goto(`${server.url}/m/${created.id}/${swotId}#t=${fac}`);
    await page.getByTestId('card').first().waitFor();
    await expectAccessible(page, 'facilitator workspace');

    // A phone: the SWOT board's quadrant tabs and the shortcut sheet.
    const phone = await newUserPage(browser, {
      viewport: { width: 360, height: 640 },
      bypassCSP: true,
    });
    await phone.page.goto(`${server.url}/m/${created.id}/${swotId}#t=${delegate.token}`);
    await phone.page.getByTestId('quadrant-tabs').waitFor();
    await expectAccessible(phone.page, 'SWOT board on a phone');
    await phone.page.getByTestId('shortcuts-open').click();
    await phone.page.getByTestId('shortcut-sheet').waitFor();
    await expectAccessible(phone.page, 'shortcut sheet');
    expect(phone.consoleErrors).toEqual([]);
    await phone.context.close();

    expect(findings, JSON.stringify(findings, null, 2)).toEqual({});
    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
    await proj.context.close();
  });
});
