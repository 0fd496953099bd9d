/**
 * The facilitator's controls in real browsers (issue 3): removing a participant, locking a
 * board, rotating the join code, handing the role over and naming oneself. One browser
 * context per person, a fresh meeting per test, the real production build and server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;
let api: ApiClient;

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiClient(server.url);
});
afterAll(async () => {
  await browser?.close();
  await server?.kill();
});

type User = Awaited<ReturnType<typeof newUserPage>>;

/**
 * A fresh meeting: the facilitator opens their link, a delegate joins with the code on the
 * join page (on a phone), and both end up on the district-wide board.
 */
async function meetingWithDelegate(options: { delegateClock?: boolean } = {}): Promise<{
  meetingId: string;
  joinCode: string;
  fac: User;
  del: User;
}> {
  const created = await api.createMeeting({
    title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
    district: 'Huyện Mẫu',
    departments: ['Phòng Y tế', 'Phòng Dân tộc'],
  });
  const fac = await newUserPage(browser);
  const del = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
  // A clock the test can move forward (it runs in real time until then).
  if (options.delegateClock) await del.context.clock.install();
  await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
  await del.page.goto(`${server.url}/join/${created.joinCode}`);
  await del.page.getByTestId('join-name').fill('Chị Lan');
  await del.page.getByTestId('join-department').selectOption('Phòng Y tế');
  await del.page.getByTestId('join-submit').click();
  await del.page.getByTestId('board').waitFor();

  const board = fac.page.getByTestId('board');
  await board.waitFor();
  const boardId = await board.getAttribute('data-board-id');
  await del.page.goto(`${server.url}/m/${created.id}/${boardId}`);
  for (const p of [fac.page, del.page]) {
    await p.locator(`[data-testid="board"][data-board-id="${boardId}"]`).waitFor();
    await p.getByTestId('board-loading').waitFor({ state: 'detached' });
  }
  return { meetingId: created.id, joinCode: created.joinCode, fac, del };
}

async function addCard(page: Page, quadrant: string, text: string): Promise<void> {
  // A phone shows one quadrant at a time: pick its tab first.
  const tab = page.getByTestId(`quadrant-tab-${quadrant}`);
  if (await tab.isVisible()) await tab.click();
  await page.getByTestId(`quadrant-${quadrant}`).getByTestId('add-card').click();
  await page.keyboard.type(text);
}

const cardTexts = (page: Page, quadrant: string) =>
  page
    .getByTestId(`quadrant-${quadrant}`)
    .getByTestId('card-text')
    .evaluateAll((els) => els.map((el) => (el as HTMLTextAreaElement).value));

function participantRow(page: Page, name: string) {
  return page.getByTestId('participant-row').filter({ hasText: name });
}

/** Console errors other than the expected noise of closed sockets and refused requests. */
function unexpectedErrors(user: User): string[] {
  return user.consoleErrors.filter((e) => !/WebSocket|Failed to load resource/.test(e));
}

describe.skipIf(!run)('facilitation', () => {
  it('removes a participant: their page says so at once and their edits stop', async () => {
    const { meetingId, fac, del } = await meetingWithDelegate({ delegateClock: true });
    const token = await del.page.evaluate(
      (id) => localStorage.getItem(`bantron:token:${id}`),
      meetingId,
    );
    expect(token).toBeTruthy();
    await addCard(del.page, 'strengths', 'Trạm y tế xã đạt chuẩn');
    await expect.poll(() => cardTexts(fac.page, 'strengths')).toEqual(['Trạm y tế xã đạt chuẩn']);

    // The list groups people by department and shows who is online.
    await fac.page.getByTestId('participants-open').click();
    const row = participantRow(fac.page, 'Chị Lan');
    await expect.poll(() => row.getAttribute('data-online')).toBe('true');
    await expect
      .poll(() => fac.page.getByTestId('participants-panel').innerText())
      .toContain('Phòng Y tế');

    // Remove, with a confirm step.
    await row.getByTestId('participant-remove').click();
    await row.getByTestId('participant-remove-confirm').waitFor();
    const lateSockets: string[] = [];
    await row.getByTestId('participant-remove-confirm').click();
    // "At once" on a healthy machine; the cap is wide so a loaded one does not fail it.
    await del.page.getByTestId('meeting-removed').waitFor({ timeout: 20_000 });
    expect(await del.page.getByTestId('meeting-removed').innerText()).toContain(
      'Bạn đã bị mời ra khỏi hội nghị',
    );

    // Nothing left to edit with, and no attempt to reconnect on either channel.
    del.page.on('websocket', (ws) => lateSockets.push(ws.url()));
    del.page.on('request', (req) => {
      if (/\/(socket\.io|yjs|api)\//.test(req.url())) lateSockets.push(req.url());
    });
    expect(await del.page.getByTestId('board').count()).toBe(0);
    expect(await del.page.getByTestId('add-card').count()).toBe(0);
    // Jump the page's clock past every retry delay (Socket.io's is at most 5 s, y-websocket's
    // less): any reconnect timer fires now. A probe timer set for 6 s opens a socket of its
    // own: seeing it (and only it) shows that the jump fired the timers and the listeners work.
    await del.page.evaluate(() => {
      setTimeout(() => {
        new WebSocket(`${location.origin.replace(/^http/, 'ws')}/yjs/probe`).onerror = () => {};
      }, 6000);
    });
    await del.page.clock.fastForward(30_000);
    await expect.poll(() => lateSockets.length).toBeGreaterThan(0);
    expect(lateSockets).toEqual([`${server.url.replace(/^http/, 'ws')}/yjs/probe`]);

    // The facilitator's list and presence follow; the token is dead everywhere.
    await expect.poll(() => participantRow(fac.page, 'Chị Lan').count()).toBe(0);
    await fac.page.keyboard.press('Escape');
    await expect
      .poll(() => fac.page.getByTestId('presence-bar').innerText())
      .not.toContain('Chị Lan');
    const res = await api.request('GET', `/api/meetings/${meetingId}`, undefined, token ?? '');
    expect(res.status).toBe(401);
    expect(await cardTexts(fac.page, 'strengths')).toEqual(['Trạm y tế xã đạt chuẩn']);

    // A reload still says what happened (and, in English, in English).
    await del.page.reload();
    await del.page.getByTestId('meeting-removed').waitFor();
    await del.page.getByTestId('lang-switch').click();
    await expect
      .poll(() => del.page.getByTestId('meeting-removed').innerText())
      .toContain('You were removed from the meeting');

    expect(unexpectedErrors(fac)).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });

  it('locks a board: the participant can only read it until it is unlocked', async () => {
    const { fac, del } = await meetingWithDelegate();
    await addCard(del.page, 'weaknesses', 'Thiếu bác sĩ tuyến xã');
    await expect.poll(() => cardTexts(fac.page, 'weaknesses')).toEqual(['Thiếu bác sĩ tuyến xã']);
    const delCard = del.page.getByTestId('card-text').first();

    await fac.page.getByTestId('board-lock').click();
    await expect.poll(() => del.page.getByTestId('add-card').count()).toBe(0);
    await expect.poll(() => delCard.getAttribute('readonly')).not.toBeNull();
    expect(await del.page.getByTestId('card-delete').count()).toBe(0);
    // Typing into the read-only card changes nothing.
    await delCard.click();
    await del.page.keyboard.type('xyz');
    expect(await delCard.inputValue()).toBe('Thiếu bác sĩ tuyến xã');
    // The facilitator still writes to the locked board.
    await expect.poll(() => fac.page.getByTestId('add-card').count()).toBe(4);

    await fac.page.getByTestId('board-lock').click();
    await expect.poll(() => del.page.getByTestId('add-card').count()).toBe(4);
    await expect.poll(() => delCard.getAttribute('readonly')).toBeNull();
    await delCard.click();
    await delCard.press('End');
    await del.page.keyboard.type(' và y sĩ');
    await expect
      .poll(() => cardTexts(fac.page, 'weaknesses'))
      .toEqual(['Thiếu bác sĩ tuyến xã và y sĩ']);

    expect(unexpectedErrors(fac)).toEqual([]);
    expect(unexpectedErrors(del)).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });

  it('rotates the join code: the old code stops working, the new one is shown with its QR', async () => {
    const created = await api.createMeeting({ title: 'Hội nghị bàn tròn (dữ liệu mẫu)' });
    const fac = await newUserPage(browser);
    await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
    await fac.page.getByTestId('share-open').click();
    const shownCode = fac.page.getByTestId('share-join-code');
    expect(await shownCode.innerText()).toBe(created.joinCode);
    expect(await fac.page.getByTestId('share-qr').getAttribute('src')).toContain(created.joinCode);

    await fac.page.getByTestId('rotate-join-code').click();
    await fac.page.getByTestId('rotate-join-code-confirm').click();
    await expect.poll(() => shownCode.innerText()).not.toBe(created.joinCode);
    const newCode = await shownCode.innerText();
    expect(newCode).toMatch(/^[A-Z0-9]{6}$/);
    await fac.page.getByTestId('rotate-done').waitFor();
    const qr = fac.page.getByTestId('share-qr');
    expect(await qr.getAttribute('src')).toContain(newCode);
    await expect
      .poll(() => qr.evaluate((img) => (img as HTMLImageElement).naturalWidth))
      .toBeGreaterThan(0);
    expect(await fac.page.getByTestId('share-join-link').inputValue()).toContain(newCode);

    // Someone with the old code is turned away; the new code finds the meeting.
    const late = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
    await late.page.goto(`${server.url}/join/${created.joinCode}`);
    await late.page.getByTestId('join-not-found').waitFor();
    await late.page.getByTestId('join-code').fill(newCode);
    await late.page.getByTestId('join-preview').waitFor();
    expect(await late.page.getByTestId('join-meeting-title').innerText()).toContain('Hội nghị');

    // The new code survives a reload of the facilitator's page.
    await fac.page.reload();
    await fac.page.getByTestId('share-open').click();
    expect(await fac.page.getByTestId('share-join-code').innerText()).toBe(newCode);

    expect(unexpectedErrors(fac)).toEqual([]);
    await fac.context.close();
    await late.context.close();
  });

  it('hands the facilitator role over and renames the facilitator, without a reload', async () => {
    const { fac, del } = await meetingWithDelegate();
    for (const p of [fac.page, del.page]) {
      await p.evaluate(() => {
        (window as unknown as { __sameLoad: boolean }).__sameLoad = true;
      });
    }
    const sameLoad = (p: Page) =>
      p.evaluate(() => (window as unknown as { __sameLoad?: boolean }).__sameLoad === true);

    // The facilitator is invited to set a name, and everyone sees it.
    await expect.poll(() => fac.page.getByTestId('me-name').innerText()).toBe('Đặt tên của bạn');
    await fac.page.getByTestId('me').click();
    await fac.page.getByTestId('profile-name').fill('Bà Hoa');
    await fac.page.getByTestId('profile-save').click();
    await expect.poll(() => fac.page.getByTestId('me-name').innerText()).toBe('Bà Hoa');
    await expect.poll(() => del.page.getByTestId('presence-bar').innerText()).toContain('Bà Hoa');

    // Make the delegate a co-facilitator: their screen gains the facilitator's tools.
    expect(await del.page.getByTestId('board-lock').count()).toBe(0);
    await fac.page.getByTestId('participants-open').click();
    await participantRow(fac.page, 'Chị Lan').getByTestId('participant-promote').click();
    await del.page.getByTestId('board-lock').waitFor();
    await del.page.getByTestId('role-changed').waitFor();
    await expect.poll(() => del.page.getByTestId('me-role').innerText()).toBe('Người điều phối');
    await expect
      .poll(() => participantRow(fac.page, 'Chị Lan').getAttribute('data-role'))
      .toBe('facilitator');

    // Step down, with a confirm step: the old facilitator becomes a delegate.
    const self = participantRow(fac.page, 'Bà Hoa');
    await self.getByTestId('participant-step-down').click();
    await self.getByTestId('participant-step-down-confirm').click();
    await fac.page.getByTestId('board-lock').waitFor({ state: 'detached' });
    await expect.poll(() => fac.page.getByTestId('participants-open').count()).toBe(0);
    await expect.poll(() => fac.page.getByTestId('me-role').innerText()).toBe('Đại biểu');

    // The new facilitator cannot step down as the last one: the error says why.
    await del.page.getByTestId('participants-open').click();
    const newSelf = participantRow(del.page, 'Chị Lan');
    await newSelf.getByTestId('participant-step-down').click();
    await newSelf.getByTestId('participant-step-down-confirm').click();
    await expect
      .poll(() =>
        del.page.getByTestId('participants-panel').getByTestId('error-banner').innerText(),
      )
      .toContain('Hội nghị cần ít nhất một người điều phối');
    expect(await del.page.getByTestId('board-lock').count()).toBe(1);

    // Both still edit the board live, on the same page load.
    await del.page.keyboard.press('Escape');
    await addCard(fac.page, 'opportunities', 'Chương trình mục tiêu quốc gia');
    await expect
      .poll(() => cardTexts(del.page, 'opportunities'))
      .toEqual(['Chương trình mục tiêu quốc gia']);
    expect(await sameLoad(fac.page)).toBe(true);
    expect(await sameLoad(del.page)).toBe(true);

    expect(unexpectedErrors(fac)).toEqual([]);
    expect(unexpectedErrors(del)).toEqual([]);
    await fac.context.close();
    await del.context.close();
  });
});
