/**
 * The record page of a finished sample meeting in Chromium (issue 11): every section shows,
 * cards name their true authors, the history slider replays the board, an export downloads,
 * and the print rendering (page.pdf, A4) has several pages and no controls. The meeting is
 * built through the public API and real clients (tests/support/sample-meeting.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { buildSampleMeeting, SAMPLE, type SampleMeeting } from '../support/sample-meeting';
import { startServer, type ServerProcess } from '../support/server-process';

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;
let sample: SampleMeeting;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  browser = await launchBrowser();
  sample = await buildSampleMeeting(server.url, server.wsUrl);
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
});

describe.runIf(run)('the record page', () => {
  it('shows every section with true authors, replays history, exports and prints on A4', async () => {
    const user = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const { page } = user;
    await page.goto(`${server.url}/record/${sample.created.id}#t=${sample.a.token}`);
    await page.getByTestId('record-details').waitFor();
    for (const id of [
      'record-details',
      'record-agenda',
      'record-boards',
      'record-priorities',
      'record-indicators',
      'record-conclusions',
    ]) {
      await expect(page.getByTestId(id).isVisible()).resolves.toBe(true);
    }
    await expect(page.getByTestId('record-title').textContent()).resolves.toBe(SAMPLE.title);
    // The forged card names the participant who really wrote it.
    const forged = page.getByTestId('record-card').filter({ hasText: SAMPLE.cards.forged });
    await expect(forged.textContent()).resolves.toContain('Trần Văn Bình');
    await expect(forged.textContent()).resolves.not.toContain('Phạm Thị An');
    await expect(page.getByTestId('record-card').count()).resolves.toBe(4);
    await expect(page.getByTestId('record-conclusions').textContent()).resolves.toContain(
      SAMPLE.conclusions.split('\n')[0],
    );
    await expect(page.getByTestId('record-secretary').textContent()).resolves.toBe(
      SAMPLE.secretaryName,
    );
    // Section 4: the list with true authors, its rounds and the decision.
    await expect(page.getByTestId('record-priority-item').count()).resolves.toBe(3);
    const road = page.getByTestId('record-priority-item').filter({ hasText: SAMPLE.items.road });
    await expect(road.textContent()).resolves.toContain('Phạm Thị An');
    await expect(page.getByTestId('record-vote-round').count()).resolves.toBe(1);
    await expect(page.getByTestId('record-score-round').count()).resolves.toBe(1);
    await expect(page.getByTestId('record-decision').textContent()).resolves.toContain(
      `1. ${SAMPLE.items.road}`,
    );
    // Section 5: the indicator row with its evaluation; section 4 also holds the proposals.
    await expect(page.getByTestId('record-indicator-row').textContent()).resolves.toContain(
      SAMPLE.indicator.name,
    );
    await expect(page.getByTestId('record-proposals').textContent()).resolves.toContain(
      SAMPLE.proposal.title,
    );
    await expect(page.getByTestId('record-agenda').textContent()).resolves.toContain(
      SAMPLE.steps[1],
    );
    // No sideways scroll on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);

    // History: the slider replays the board; at its start the board is empty.
    await page.getByTestId(`history-open-${sample.boardId}`).click();
    const slider = page.getByTestId('history-slider');
    await slider.waitFor();
    await page.getByTestId('history-card').first().waitFor();
    await expect(page.getByTestId('history-card').count()).resolves.toBe(4);
    await slider.focus();
    await page.keyboard.press('Home');
    await page.getByTestId('history-card').first().waitFor({ state: 'detached' });
    await expect(page.getByTestId('history-moment').textContent()).resolves.toContain('0 /');
    // This board's marks: its agenda step, its lock, and the meeting's manual mark.
    await expect(page.getByTestId('history-mark').count()).resolves.toBe(3);
    // Jump to the lock mark: every card existed by then.
    await page.getByTestId('history-mark').filter({ hasText: 'Khóa bảng' }).click();
    await page.getByTestId('history-card').nth(3).waitFor();
    // What changed during the SWOT step (from its start to the lock): four cards were added.
    await page.getByTestId('step-from').selectOption({ index: 1 });
    await page.getByTestId('step-to').selectOption({ index: 2 });
    await page.getByTestId('step-compare').click();
    await page.getByTestId('step-diff').waitFor();
    await expect(page.getByTestId('step-diff').locator('li').count()).resolves.toBe(4);
    await page.getByTestId('history-close').click();

    // An export downloads, with its progress shown meanwhile.
    const download = page.waitForEvent('download');
    await page.getByTestId('export-record.md').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.md$/);
    await page.getByTestId('export-status').filter({ hasText: 'Đã tải' }).waitFor();
    await page.locator('[data-testid="toast"][data-tone="success"]').waitFor();

    // Print: A4, several pages, no controls.
    await page.emulateMedia({ media: 'print' });
    const visibleControls = await page.evaluate(
      () =>
        [...document.querySelectorAll('button, input, select, textarea, [role="slider"]')].filter(
          (el) => (el as HTMLElement).offsetParent !== null,
        ).length,
    );
    expect(visibleControls).toBe(0);
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(1);
    await user.context.close();
  });

  it('the facilitator writes the conclusions in the workspace; a participant reads them live', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Họp kết luận (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const joined = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    const fac = await newUserPage(browser);
    const del = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await del.page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);
    for (const p of [fac.page, del.page]) {
      await p.getByTestId('conclusions-toggle').click();
      await p.getByTestId('conclusions-text').waitFor();
    }
    const text = 'Thống nhất đầu tư nước sạch cho các xã vùng cao.';
    await fac.page.getByTestId('conclusions-text').click();
    await fac.page.keyboard.type(text);
    await del.page.waitForFunction(
      (expected) =>
        (document.querySelector('[data-testid="conclusions-text"]') as HTMLTextAreaElement | null)
          ?.value === expected,
      text,
    );
    await expect(
      del.page.getByTestId('conclusions-text').getAttribute('readonly'),
    ).resolves.not.toBeNull();
    // The record page shows them.
    await del.page.getByTestId('open-record').click();
    await del.page.getByTestId('record-conclusions').waitFor();
    await expect(del.page.getByTestId('record-conclusions').textContent()).resolves.toContain(text);
    await fac.context.close();
    await del.context.close();
  });
});
