/**
 * How the room decides, in three browsers: the facilitator makes a priority list, promotes a
 * SWOT card into it, opens a dot vote; two participants (one on a phone) vote; the
 * facilitator reveals, and the totals and the ranking appear on every page. Against the real
 * production build and server. (The projector page belongs to issue 9 and is not on this
 * branch: its part of this test is left to the merge.)
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

async function createMeeting(page: Page): Promise<string> {
  await page.goto(server.url + '/');
  await page.getByTestId('create-title').fill('Hội nghị bàn tròn (dữ liệu mẫu)');
  await page.getByTestId('create-submit').click();
  const code = (await page.getByTestId('join-code').innerText()).replace(/\s/g, '');
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

/** Rows of the revealed results as "title total rank". */
async function results(page: Page): Promise<string[]> {
  const rows = page.getByTestId('vote-results').getByTestId('vote-result-row');
  return (await rows.allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
}

describe.skipIf(!run)('priority list, promotion and a secret dot vote in three browsers', () => {
  it('promotes a SWOT card with its link, two participants vote, the reveal reaches every page', async () => {
    const fac = await newUserPage(browser);
    const lan = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
    const minh = await newUserPage(browser);
    const code = await createMeeting(fac.page);
    await join(lan.page, code, 'Chị Lan');
    await join(minh.page, code, 'Anh Minh');

    // The facilitator adds a priority list.
    const swotUrl = fac.page.url();
    const swotTitle = await fac.page.getByTestId('board-title').innerText();
    await fac.page.getByTestId('add-board').click();
    await fac.page.getByTestId('board-title-input').fill('Danh sách ưu tiên 2026');
    await fac.page.getByTestId('board-kind-input').selectOption('priority');
    await fac.page.getByTestId('board-create-submit').click();
    await fac.page.locator('[data-testid="board"][data-board-kind="priority"]').waitFor();
    const listUrl = fac.page.url();

    // The projector: the facilitator's projector link (observer token), following the room.
    await fac.page.getByTestId('share-open').click();
    const presentUrl = await fac.page.getByTestId('share-present-link').inputValue();
    await fac.page.keyboard.press('Escape');
    const proj = await newUserPage(browser, { viewport: { width: 1280, height: 800 } });

    // A SWOT card on the district board, promoted into the list.
    await fac.page.goto(swotUrl);
    await fac.page.getByTestId('board-loading').waitFor({ state: 'detached' });
    await fac.page.getByTestId('quadrant-weaknesses').getByTestId('add-card').click();
    await fac.page.keyboard.type('Thiếu nước sạch ở các xã vùng cao');
    const card = fac.page.getByTestId('quadrant-weaknesses').getByTestId('card').first();
    await card.getByTestId('promote').click();
    await card.getByTestId('promoted-badge').waitFor();
    await expect
      .poll(() => card.getByTestId('promoted-badge').innerText())
      .toContain('Danh sách ưu tiên 2026');

    await fac.page.goto(listUrl);
    const items = fac.page.getByTestId('priority-item');
    await expect.poll(() => items.count()).toBe(1);
    await expect
      .poll(() => items.first().getByTestId('item-title').inputValue())
      .toBe('Thiếu nước sạch ở các xã vùng cao');
    const link = items.first().getByTestId('item-source-link');
    expect(await link.innerText()).toBe(swotTitle);
    expect(new URL(await link.evaluate((a) => (a as HTMLAnchorElement).href)).pathname).toBe(
      new URL(swotUrl).pathname,
    );

    // Two more items, typed on the list.
    for (const title of ['Đường liên xã', 'Trường mầm non']) {
      await fac.page.getByTestId('item-add').click();
      await fac.page.keyboard.type(title);
    }
    await expect.poll(() => items.count()).toBe(3);
    // Reorder by keyboard: "Trường mầm non" moves to the top.
    await items.nth(2).getByTestId('item-title').focus();
    await fac.page.keyboard.press('Alt+ArrowUp');
    await fac.page.keyboard.press('Alt+ArrowUp');
    await expect
      .poll(() => items.first().getByTestId('item-title').inputValue())
      .toBe('Trường mầm non');

    // Reorder by drag and drop (pointer events: the same path as touch): the last item to the top.
    await items.first().evaluate((el) => el.scrollIntoView({ block: 'start' }));
    const handle = items.nth(2).getByTestId('item-drag');
    const from = (await handle.boundingBox())!;
    const top = (await items.first().boundingBox())!;
    await fac.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await fac.page.mouse.down();
    await fac.page.mouse.move(from.x + from.width / 2, top.y + 4, { steps: 8 });
    await fac.page.mouse.up();
    await expect
      .poll(async () =>
        Promise.all((await items.all()).map((i) => i.getByTestId('item-title').inputValue())),
      )
      .toEqual(['Đường liên xã', 'Trường mầm non', 'Thiếu nước sạch ở các xã vùng cao']);

    // Everyone, the projector included, is brought to the list.
    await fac.page.getByTestId('bring-here').click();
    await proj.page.goto(presentUrl);
    await proj.page.getByTestId('present-priority').waitFor();
    await expect.poll(() => proj.page.getByTestId('present-item').count()).toBe(3);

    // The facilitator opens a vote of 3 dots each.
    await fac.page.getByTestId('vote-dots-input').fill('3');
    await fac.page.getByTestId('vote-open').click();
    await fac.page.locator('[data-testid="vote-panel"][data-status="open"]').waitFor();

    // Both participants vote on their own pages.
    const voteOn = async (page: Page, choices: Record<string, number>) => {
      await page.goto(listUrl);
      await page.locator('[data-testid="vote-panel"][data-status="open"]').waitFor();
      for (const [title, n] of Object.entries(choices)) {
        const row = page.getByTestId('vote-item').filter({ hasText: title });
        for (let i = 0; i < n; i++) await row.getByTestId('vote-plus').click();
      }
      await expect.poll(() => page.getByTestId('vote-remaining').innerText()).toContain('0');
      await page.getByTestId('vote-cast').click();
      await page.getByTestId('vote-sent').waitFor();
    };
    await voteOn(lan.page, { 'Đường liên xã': 2, 'Trường mầm non': 1 });
    await voteOn(minh.page, { 'Đường liên xã': 1, 'Thiếu nước sạch': 2 });

    // Nobody sees a total before the reveal; the count is public.
    await expect.poll(() => fac.page.getByTestId('vote-count').innerText()).toContain('2');
    for (const p of [fac, lan, minh])
      expect(await p.page.getByTestId('vote-results').count()).toBe(0);
    await proj.page.getByTestId('present-vote-open').waitFor();
    expect(await proj.page.getByTestId('present-vote-results').count()).toBe(0);

    await fac.page.getByTestId('vote-close').click();
    const expected = [
      '1 Đường liên xã 3',
      '2 Thiếu nước sạch ở các xã vùng cao 2',
      '3 Trường mầm non 1',
    ];
    for (const p of [fac, lan, minh]) {
      await p.page.locator('[data-testid="vote-panel"][data-status="revealed"]').waitFor();
      await expect.poll(() => results(p.page)).toEqual(expected);
    }

    // The projector shows the same ranking and totals at once, with the split per department
    // (both voters are of one department here, so its column repeats the totals).
    await expect
      .poll(async () =>
        (await proj.page.getByTestId('present-result-row').allInnerTexts()).map((row) =>
          row.replace(/\s+/g, ' ').trim(),
        ),
      )
      .toEqual(expected.map((row) => `${row} ${row.split(' ').at(-1)}`));

    // The phone's page has no sideways scroll, with the results shown.
    expect(
      await lan.page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    ).toBe(true);

    // The decision locks the list, on every page.
    await fac.page.getByTestId('decision-confirm').click();
    for (const p of [fac, lan]) {
      await expect.poll(() => p.page.getByTestId('decision-row').count()).toBe(3);
    }
    await expect.poll(() => lan.page.getByTestId('item-add').count()).toBe(0);
    for (const p of [fac, lan, minh, proj])
      expect(p.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });
});
