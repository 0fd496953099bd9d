/**
 * Issue 15, first run and feedback on long work, in Chromium against the production build:
 * a new meeting tells the facilitator and a delegate what to do next; an export shows its
 * progress while the server works and a toast when done; a failed export says what failed
 * and offers Try again; an archive imported from the home page opens as a new meeting, and a
 * file that is not an archive says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;
let tmp: string;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  browser = await launchBrowser();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bantron-ux-'));
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function newMeeting() {
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
  return { api, created, joined };
}

describe.runIf(run)('first run', () => {
  it('a new meeting tells the facilitator and a delegate what to do next', async () => {
    const { created, joined } = await newMeeting();
    const fac = await newUserPage(browser);
    const del = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await del.page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);

    // The facilitator: the preparation steps, with the join link ready to copy.
    const guide = fac.page.locator('[data-testid="first-run"][data-guide="facilitator"]');
    await guide.waitFor();
    await expect(guide.innerText()).resolves.toContain('Xem lại chương trình');
    await expect(fac.page.getByTestId('first-run-join-link').inputValue()).resolves.toContain(
      created.joinCode,
    );
    // "Add a board" opens the board form.
    await fac.page.getByTestId('first-run-add-board').click();
    await fac.page.locator('#new-board-title').waitFor();
    // Hidden for this meeting, it stays hidden after a reload.
    await fac.page.getByTestId('first-run-dismiss').click();
    await guide.waitFor({ state: 'detached' });
    await fac.page.reload();
    await fac.page.getByTestId('board').waitFor();
    await expect(fac.page.getByTestId('first-run').count()).resolves.toBe(0);

    // The delegate on an empty board: one tap adds their first card, and the hint goes.
    const hint = del.page.locator('[data-testid="board-first-run"][data-guide="participant"]');
    await hint.waitFor();
    await expect(del.page.getByTestId('first-run').count()).resolves.toBe(0);
    await del.page.getByTestId('first-card').click();
    await del.page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'card-text',
    );
    await del.page.keyboard.type('Trạm y tế xã đủ bác sĩ');
    await hint.waitFor({ state: 'detached' });
    // The facilitator, on the same board, sees the card arrive and no empty-board hint.
    const boardId = new URL(del.page.url()).pathname.split('/')[3]!;
    await fac.page.goto(`${server.url}/m/${created.id}/${boardId}`);
    await fac.page.getByTestId('card-text').first().waitFor();
    await expect(fac.page.getByTestId('board-first-run').count()).resolves.toBe(0);
    expect(fac.consoleErrors).toEqual([]);
    expect(del.consoleErrors).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });
});

describe.runIf(run)('feedback on long work', () => {
  it('an export shows progress, then a toast; a failed one says what failed and retries', async () => {
    const { created } = await newMeeting();
    const user = await newUserPage(browser);
    const { page } = user;
    await page.goto(`${server.url}/record/${created.id}#t=${created.facilitatorToken}`);
    await page.getByTestId('export-panel').waitFor();

    // Hold the server's answer until the page has shown that it is working on it.
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/export/record.md*', async (route) => {
      await released;
      await route.continue();
    });
    const download = page.waitForEvent('download');
    await page.getByTestId('export-record.md').click();
    const progress = page.getByTestId('export-progress');
    await progress.waitFor();
    await expect(progress.innerText()).resolves.toContain('Máy chủ đang tạo Toàn văn (.md)');
    await expect(page.getByTestId('export-record.md').getAttribute('aria-busy')).resolves.toBe(
      'true',
    );
    release();
    expect((await download).suggestedFilename()).toMatch(/\.md$/);
    await progress.waitFor({ state: 'detached' });
    await page.locator('[data-testid="toast"][data-tone="success"]').waitFor();
    await expect(page.getByTestId('export-status').innerText()).resolves.toContain(
      'Đã tải Toàn văn (.md)',
    );
    await page.unroute('**/export/record.md*');

    // The link drops: the page names the file and says what to do; Try again works.
    await page.route('**/export/minutes.docx*', (route) => route.abort('internetdisconnected'));
    await page.getByTestId('export-minutes.docx').click();
    const banner = page.getByTestId('export-panel').getByTestId('error-banner');
    await banner.waitFor();
    const text = await banner.innerText();
    expect(text).toContain('Không tải được Biên bản (.docx)');
    expect(text).toContain('Kiểm tra Wi-Fi');
    await page.locator('[data-testid="toast"][data-tone="error"]').waitFor();
    await page.unroute('**/export/minutes.docx*');
    const retried = page.waitForEvent('download');
    await banner.getByRole('button', { name: 'Thử lại' }).click();
    expect((await retried).suggestedFilename()).toMatch(/\.docx$/);
    await banner.waitFor({ state: 'detached' });
    await user.context.close();
  });

  it('an archive imported from the home page opens as a new meeting; a wrong file says so', async () => {
    const { created } = await newMeeting();
    const res = await fetch(`${server.url}/api/meetings/${created.id}/export/archive.json`, {
      headers: { authorization: `Bearer ${created.facilitatorToken}` },
    });
    expect(res.ok).toBe(true);
    // The size the progress bar is measured against.
    expect(Number(res.headers.get('content-length'))).toBeGreaterThan(0);
    const archivePath = path.join(tmp, 'archive.json');
    fs.writeFileSync(archivePath, Buffer.from(await res.arrayBuffer()));
    const notArchive = path.join(tmp, 'notes.json');
    fs.writeFileSync(notArchive, '{"hello": "thế giới"}');

    const user = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const { page } = user;
    await page.goto(`${server.url}/`);
    await page.getByTestId('archive-file').setInputFiles(notArchive);
    const banner = page.getByTestId('archive-import').getByTestId('error-banner');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toContain('Không nhập được tệp lưu trữ');
    await expect(banner.innerText()).resolves.toContain('xuất lại tệp');

    await page.getByTestId('archive-file').setInputFiles(archivePath);
    await page.waitForURL(/\/m\/[^/]+/);
    expect(new URL(page.url()).pathname).not.toContain(created.id);
    await expect
      .poll(() => page.getByTestId('meeting-title').innerText())
      .toContain('Hội nghị thử');
    await user.context.close();
  });
});

describe.runIf(run)('the design system', () => {
  it('a dialog closes with Esc and gives the focus back; the profile dialog confirms with a toast', async () => {
    const { created, joined } = await newMeeting();
    const user = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const { page } = user;
    await page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);
    await page.getByTestId('board').waitFor();
    const opener = page.getByTestId('shortcuts-open');
    await opener.click();
    await page.getByTestId('shortcut-sheet').getByTestId('shortcut').first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-sheet').waitFor({ state: 'hidden' });
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'shortcuts-open',
    );

    await page.getByTestId('me').click();
    const name = page.getByTestId('profile-name');
    await name.waitFor();
    // The name field has the focus as the dialog opens (typing replaces the selected name).
    await page.waitForFunction(
      () => document.activeElement?.getAttribute('data-testid') === 'profile-name',
    );
    await page.keyboard.type('Chị Lan Anh');
    await page.getByTestId('profile-save').click();
    await page.locator('[data-testid="toast"][data-tone="success"]').waitFor();
    await page.getByTestId('profile-dialog').waitFor({ state: 'hidden' });
    await expect(page.getByTestId('me-name').innerText()).resolves.toBe('Chị Lan Anh');
    // No page is wider than the phone, toasts included.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(user.consoleErrors).toEqual([]);
    await user.context.close();
  });
});
