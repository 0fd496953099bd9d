/**
 * A department's indicator table in two browsers: the facilitator creates an indicators
 * board, a delegate enters a five-year series, last year's plan and a target (Vietnamese and
 * English number formats), sees the completion, every method's forecast and the chart, and an
 * invalid entry is flagged and kept as text, not stored as a number (read back from the
 * stored document by a y-websocket client). Against the production build and a real server.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { actualKey, listRows, planKey, readCell, targetKey } from '@shared/doc/indicators';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
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

/** The number cell `key` of the first row. */
function cell(page: Page, key: string) {
  return page.locator('[data-testid="indicator-row"]').first().getByTestId(`cell-${key}`);
}

describe.skipIf(!run)('indicator table in the browser', () => {
  it('enters a series and a target, evaluates, forecasts and charts; both number formats; invalid entries flagged', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      planYear: 2026,
      departments: ['Phòng Y tế', 'Phòng Tài chính - Kế hoạch'],
    });
    const delegate = await api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Tài chính - Kế hoạch',
    });

    // The facilitator creates the board, choosing its kind in the form.
    const fac = await newUserPage(browser);
    await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await fac.page.getByTestId('add-board').click();
    await fac.page.getByTestId('board-kind-input').selectOption('indicators');
    await fac.page.getByTestId('board-title-input').fill('Chỉ tiêu – Phòng Tài chính - Kế hoạch');
    await fac.page.getByTestId('board-create-submit').click();
    const boardEl = fac.page.locator('[data-testid="board"][data-board-kind="indicators"]');
    await boardEl.waitFor();
    const boardId = (await boardEl.getAttribute('data-board-id'))!;
    await fac.page.getByTestId('indicators-empty').waitFor();

    // The delegate, on a phone, opens it and adds an indicator.
    const del = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    await del.page.goto(`${server.url}/m/${created.id}/${boardId}#t=${delegate.token}`);
    await del.page.getByTestId('empty-add-row').click();
    await expect
      .poll(() => del.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('cell-name');
    await del.page.keyboard.type('Thu nhập bình quân đầu người');
    await del.page.keyboard.press('Tab');
    await del.page.keyboard.type('triệu đồng');
    await expect
      .poll(() => fac.page.getByTestId('cell-name').first().inputValue())
      .toBe('Thu nhập bình quân đầu người');

    // Five years of actual values, moving right with the arrow key as in a spreadsheet:
    // Vietnamese formats (36,3 and 43,923) and an international one (39.93) in the same row.
    await cell(del.page, actualKey(2021)).click();
    for (const value of ['30', '33', '36,3', '39.93', '43,923']) {
      await del.page.keyboard.type(value);
      await del.page.keyboard.press('ArrowRight');
    }
    // Now on last year's plan, then the target.
    await expect
      .poll(() => del.page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe(`cell-${planKey(2025)}`);
    await del.page.keyboard.type('45');
    await del.page.keyboard.press('ArrowRight');
    await del.page.keyboard.type('60');
    // Presence: the facilitator sees who is in the target cell.
    await expect
      .poll(() =>
        fac.page
          .locator('[data-testid="indicator-row"]')
          .first()
          .locator('.editor-tag')
          .innerText(),
      )
      .toContain('Chị Lan');
    await del.page.keyboard.press('Enter');

    // Numbers display in the interface's format once the cell is left.
    await expect.poll(() => cell(fac.page, actualKey(2024)).inputValue()).toBe('39,93');
    await expect.poll(() => cell(del.page, actualKey(2025)).inputValue()).toBe('43,923');

    // Evaluation of last year's plan: 43,923 / 45 = 97,6 %: nearly met, with its word.
    for (const page of [fac.page, del.page]) {
      const completion = page.getByTestId('completion').first();
      await expect.poll(() => completion.getAttribute('data-status')).toBe('nearly');
      await expect.poll(() => completion.innerText()).toMatch(/97,6%\s*Gần đạt/);
    }

    // Forecasts: every method gives a result, beside the target, with the chart.
    await del.page.getByTestId('open-forecast').first().click();
    const panel = del.page.getByTestId('forecast-panel');
    await panel.waitFor();
    for (const method of ['cagr', 'linear', 'exponential', 'holt']) {
      await expect
        .poll(() => panel.getByTestId(`method-${method}`).getByTestId('method-result').innerText())
        .toMatch(/^\d+(,\d+)?$/);
    }
    // A 10 %-a-year series: 43,923 × 1,1 = 48,3153 for the average growth rate.
    expect(await panel.getByTestId('method-cagr').getByTestId('method-result').innerText()).toBe(
      '48,32',
    );
    expect(await panel.getByTestId('forecast-target').innerText()).toContain('60');
    await panel.getByTestId('large-gap').waitFor();
    await panel.getByTestId('indicator-chart').getByRole('img').waitFor();
    expect(
      await panel.getByTestId('indicator-chart').locator('.marker').count(),
    ).toBeGreaterThanOrEqual(4);
    // Holt's α and β start at the best pair and can be changed.
    await panel.getByTestId('holt-alpha').fill('0.2');
    await panel.getByTestId('holt-alpha').press('Tab');
    await expect.poll(() => panel.getByTestId('method-holt').innerText()).toContain('α = 0,2');
    // Nothing on the phone scrolls sideways: the table scrolls in its own box.
    expect(
      await del.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1),
    ).toBe(true);

    // An invalid entry: flagged in the cell, kept as typed, left out of the numbers.
    await cell(del.page, actualKey(2023)).click();
    await del.page.keyboard.press('Control+a');
    await del.page.keyboard.type('36,3 tỷ');
    await del.page.keyboard.press('Enter');
    const badCell = del.page
      .locator('[data-testid="indicator-row"]')
      .first()
      .locator(`[data-testid="cell-${actualKey(2023)}"]`);
    await expect.poll(() => badCell.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => badCell.inputValue()).toBe('36,3 tỷ');
    await del.page
      .locator('[data-testid="indicator-row"]')
      .first()
      .getByTestId('cell-error')
      .waitFor();
    await expect
      .poll(() => panel.getByTestId('method-holt').getByTestId('method-problem').innerText())
      .toBe('Cần các năm liên tiếp');

    // English: numbers display and parse the English way.
    await del.page.getByTestId('lang-switch').click();
    await expect.poll(() => cell(del.page, actualKey(2025)).inputValue()).toBe('43.923');
    await cell(del.page, targetKey(2026)).click();
    await del.page.keyboard.press('Control+a');
    await del.page.keyboard.type('1,234.5');
    await del.page.keyboard.press('Enter');
    await expect.poll(() => cell(del.page, targetKey(2026)).inputValue()).toBe('1,234.5');
    await expect.poll(() => cell(fac.page, targetKey(2026)).inputValue()).toBe('1.234,5');
    await expect
      .poll(() => del.page.getByTestId('completion').first().innerText())
      .toMatch(/97\.6%\s*Nearly met/);

    // What the server stored: the texts as typed, the invalid one not as a number.
    const reader = connectDoc(server.wsUrl, boardId, delegate.token);
    try {
      await reader.waitSynced();
      await waitFor(() => {
        const row = listRows(reader.doc)[0]!;
        expect(row.cells[actualKey(2023)]).toEqual({ raw: '36,3 tỷ', locale: 'vi' });
        expect(readCell(row.cells[actualKey(2023)])).toMatchObject({ value: null, invalid: true });
        expect(row.cells[actualKey(2024)]).toEqual({ raw: '39.93', locale: 'vi' });
        expect(readCell(row.cells[actualKey(2024)]).value).toBe(39.93);
        expect(readCell(row.cells[actualKey(2025)]).value).toBe(43.923);
        expect(row.cells[targetKey(2026)]).toEqual({ raw: '1,234.5', locale: 'en' });
        expect(readCell(row.cells[targetKey(2026)]).value).toBe(1234.5);
      });
    } finally {
      reader.destroy();
    }
    expect(fac.consoleErrors).toEqual([]);
    expect(del.consoleErrors).toEqual([]);
  });

  it('starts from the common district indicators, takes a pasted block, and round-trips .xlsx and .csv', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      planYear: 2026,
    });
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'indicators',
      title: 'Chỉ tiêu toàn huyện',
    });
    const { page, consoleErrors } = await newUserPage(browser);
    await page.goto(`${server.url}/m/${created.id}/${board.id}#t=${created.facilitatorToken}`);
    await page.getByTestId('empty-start-templates').click();
    const rows = page.getByTestId('indicator-row');
    await expect.poll(() => rows.count()).toBe(7);
    expect(await rows.nth(2).getByTestId('cell-name').inputValue()).toBe('Tỷ lệ hộ nghèo');
    expect(await rows.nth(2).getByTestId('cell-direction').innerText()).toContain('Thấp hơn tốt');
    // No values: a template brings names, units and directions only.
    expect(await rows.first().getByTestId('cell-a2021').inputValue()).toBe('');

    // A block from a spreadsheet, pasted into the first row's 2021 cell: two rows of seven.
    await rows.first().getByTestId('cell-a2021').click();
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.setData(
        'text/plain',
        '6,5\t7,1\t6,8\t7,2\t7,5\t7,8\t8\r\n35\t38\t41\t44\t48\t50\t55\r\n',
      );
      document.activeElement!.dispatchEvent(
        new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }),
      );
    });
    await expect.poll(() => page.getByTestId('indicators-status').innerText()).toBe('Đã dán 14 ô.');
    await expect.poll(() => rows.nth(1).getByTestId('cell-t2026').inputValue()).toBe('55');
    expect(await rows.first().getByTestId('cell-a2025').inputValue()).toBe('7,5');
    // The focused cell, where the block went in, shows what was pasted too.
    expect(await rows.first().getByTestId('cell-a2021').inputValue()).toBe('6,5');
    // Enter moves down a row, as in a spreadsheet.
    await rows.first().getByTestId('cell-p2025').click();
    await page.keyboard.press('Enter');
    expect(
      await page.evaluate(() =>
        document.activeElement?.closest('[data-row-id]')?.getAttribute('data-row-id'),
      ),
    ).toBe(await rows.nth(1).getAttribute('data-row-id'));

    // Export both formats; the .csv holds the numbers and the Vietnamese names.
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const csvText = fs.readFileSync((await csv.path())!, 'utf8');
    expect(csvText).toContain(
      'Thu nhập bình quân đầu người,triệu đồng/người/năm,Phòng Tài chính - Kế hoạch,cao,35,38,41,44,48,50,55',
    );
    const [xlsx] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-xlsx').click(),
    ]);
    const xlsxPath = path.join(os.tmpdir(), `bantron-${board.id}.xlsx`);
    await xlsx.saveAs(xlsxPath);

    // Importing the exported file updates the same indicators rather than duplicating them.
    await page.getByTestId('import-file').setInputFiles(xlsxPath);
    await expect
      .poll(() => page.getByTestId('indicators-status').innerText())
      .toBe('Đã nhập 7 chỉ tiêu: 0 mới, 7 cập nhật.');
    expect(await rows.count()).toBe(7);
    // A .csv with a new indicator adds it.
    const csvPath = path.join(os.tmpdir(), `bantron-${board.id}.csv`);
    fs.writeFileSync(
      csvPath,
      '\ufeffChỉ tiêu,Đơn vị,TH 2024,TH 2025,KH 2025\nSố xã đạt chuẩn nông thôn mới,xã,"10","12","13"\n',
    );
    await page.getByTestId('import-file').setInputFiles(csvPath);
    await expect
      .poll(() => page.getByTestId('indicators-status').innerText())
      .toBe('Đã nhập 1 chỉ tiêu: 1 mới, 0 cập nhật.');
    await expect.poll(() => rows.count()).toBe(8);
    expect(await rows.nth(7).getByTestId('completion').getAttribute('data-status')).toBe('nearly'); // 12 / 13 = 92,3 %
    // Deleting a row offers to undo it.
    await rows.nth(7).getByTestId('delete-row').click();
    await expect.poll(() => rows.count()).toBe(7);
    await page.getByTestId('undo-delete-row').click();
    await expect.poll(() => rows.count()).toBe(8);
    expect(await rows.nth(7).getByTestId('cell-name').inputValue()).toBe(
      'Số xã đạt chuẩn nông thôn mới',
    );
    // The projector (observer link) reads the same table and cannot change it.
    const projector = await newUserPage(browser);
    await projector.page.goto(
      `${server.url}/m/${created.id}/${board.id}#t=${created.observerToken}`,
    );
    const seen = projector.page.getByTestId('indicator-row');
    await expect.poll(() => seen.count()).toBe(8);
    expect(await seen.nth(1).getByTestId('cell-t2026').getAttribute('readonly')).not.toBeNull();
    expect(await projector.page.getByTestId('add-row').count()).toBe(0);
    expect(await seen.nth(1).getByTestId('completion').getAttribute('data-status')).toBe('nearly'); // 48 / 50 = 96 %
    await projector.context.close();
    fs.rmSync(xlsxPath, { force: true });
    fs.rmSync(csvPath, { force: true });
    expect(consoleErrors).toEqual([]);
  });
});
