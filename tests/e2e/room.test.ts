/**
 * The facilitator runs the room (issue 9), in real browsers with three contexts at once:
 * the facilitator, a participant and the projector (the observer link on /present). Agenda
 * and follow-me, "back to the facilitator", one timer on every screen (with a participant
 * whose clock is wrong), private writing checked on the WebSocket frames a browser
 * received, and a 40-card board on a 1024×768 projector.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { addCard } from '@shared/doc/swot-board';
import type { CreateMeetingResult, MeetingView } from '@shared/schemas/http';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectDoc } from '../support/yjs-client';

const run = browserAvailable();
const ARTIFACTS = path.resolve(import.meta.dirname, '../artifacts');
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

interface Room {
  created: CreateMeetingResult;
  view: MeetingView;
  districtId: string;
  fac: User;
  par: User;
  proj: User;
  participantToken: string;
}

/** A fresh meeting with the facilitator, one participant (on a phone) and the projector open. */
async function openRoom(options: { participantClockSkewMs?: number } = {}): Promise<Room> {
  const created = await api.createMeeting({
    title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
    district: 'Huyện Mẫu',
    departments: ['Phòng Y tế', 'Phòng Dân tộc'],
  });
  const view = await api.meeting(created.id, created.facilitatorToken);
  const districtId = view.boards.find((b) => b.department === null)!.id;
  const joined = await api.join({
    joinCode: created.joinCode,
    name: 'Chị Lan',
    department: 'Phòng Y tế',
  });
  const fac = await newUserPage(browser);
  const par = await newUserPage(browser, { viewport: { width: 360, height: 640 } });
  const proj = await newUserPage(browser, { viewport: { width: 1024, height: 768 } });
  if (options.participantClockSkewMs)
    await par.context.clock.install({ time: Date.now() + options.participantClockSkewMs });
  await fac.page.goto(`${server.url}/m/${created.id}#t=${created.facilitatorToken}`);
  await par.page.goto(`${server.url}/m/${created.id}#t=${joined.token}`);
  await proj.page.goto(`${server.url}/present/${created.id}#t=${created.observerToken}`);
  await fac.page.getByTestId('agenda').waitFor();
  await par.page.getByTestId('board').waitFor();
  await proj.page.getByTestId('present-board').waitFor();
  return { created, view, districtId, fac, par, proj, participantToken: joined.token };
}

async function closeRoom(room: Room): Promise<void> {
  for (const u of [room.fac, room.par, room.proj]) await u.context.close();
}

const boardIdOf = (page: Page) => page.getByTestId('board').getAttribute('data-board-id');
const projectedBoard = (page: Page) =>
  page.getByTestId('present-board').getAttribute('data-board-id');
const currentStep = (page: Page) => page.getByTestId('current-step').innerText();
const projectedStep = (page: Page) => page.getByTestId('present-step').innerText();

/** Seconds shown by a screen's timer (m:ss or h:mm:ss). */
async function timerSeconds(page: Page): Promise<number> {
  const text = (await page.getByTestId('timer-remaining').first().innerText()).trim();
  return text.split(':').reduce((total, part) => total * 60 + Number(part), 0);
}

describe.skipIf(!run)('the facilitator runs the room', () => {
  it('moves the participant and the projector with the agenda, back included; a participant who browses away gets "back"', async () => {
    const room = await openRoom();
    const { fac, par, proj, view, districtId } = room;
    const steps = ['Khai mạc', 'Đánh giá', 'Phân tích SWOT theo ngành', 'Tổng hợp SWOT toàn huyện'];
    // The participant starts on their own department's board.
    const ownBoard = view.boards.find((b) => b.department === 'Phòng Y tế')!.id;
    await expect.poll(() => boardIdOf(par.page)).toBe(ownBoard);

    await fac.page.getByTestId('follow-toggle').check();
    await fac.page.getByTestId('agenda-start').click();
    await expect.poll(() => currentStep(par.page)).toContain(steps[0]);
    await expect.poll(() => projectedStep(proj.page)).toContain(steps[0]);
    for (let i = 1; i < 4; i++) {
      await fac.page.getByTestId('agenda-next').click();
      await expect.poll(() => currentStep(par.page)).toContain(steps[i]);
      await expect.poll(() => projectedStep(proj.page)).toContain(steps[i]);
    }
    // Step 4 works on the district board: everyone is taken there.
    await expect.poll(() => boardIdOf(par.page)).toBe(districtId);
    await expect.poll(() => boardIdOf(fac.page)).toBe(districtId);
    await expect.poll(() => projectedBoard(proj.page)).toBe(districtId);
    expect(await par.page.getByTestId('follow-banner').count()).toBe(0);

    // Back one step, then forward again.
    await fac.page.getByTestId('agenda-previous').click();
    await expect.poll(() => currentStep(par.page)).toContain(steps[2]);
    await expect.poll(() => projectedStep(proj.page)).toContain(steps[2]);
    await fac.page.getByTestId('agenda-next').click();
    await expect.poll(() => currentStep(par.page)).toContain(steps[3]);
    await expect.poll(() => boardIdOf(par.page)).toBe(districtId);

    // The participant browses to their own board: a clear way back appears.
    // (A reload, even of another board's address, lands where the meeting is.)
    await par.page.goto(`${server.url}/m/${room.created.id}/${ownBoard}`);
    await expect.poll(() => boardIdOf(par.page)).toBe(districtId);
    await par.page.getByTestId('board-drawer-toggle').click();
    await par.page.locator(`[data-testid="board-link"][href$="/${ownBoard}"]`).click();
    await expect.poll(() => boardIdOf(par.page)).toBe(ownBoard);
    const banner = par.page.getByTestId('follow-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain('Toàn huyện');
    await par.page.getByTestId('follow-back').click();
    await expect.poll(() => boardIdOf(par.page)).toBe(districtId);
    await banner.waitFor({ state: 'detached' });

    // Spotlight: the facilitator selects a card and spotlights it on every screen.
    await fac.page.getByTestId('quadrant-threats').getByTestId('add-card').click();
    await fac.page.keyboard.type('Sạt lở đất vùng cao');
    await fac.page.getByTestId('spotlight').click();
    await expect
      .poll(() =>
        par.page
          .locator('[data-testid="card"][data-spotlight="true"] [data-testid="card-text"]')
          .inputValue(),
      )
      .toBe('Sạt lở đất vùng cao');
    await expect
      .poll(() => proj.page.getByTestId('present-spotlight').innerText())
      .toContain('Sạt lở đất vùng cao');
    await fac.page.getByTestId('spotlight-clear').click();
    await proj.page.getByTestId('present-spotlight').waitFor({ state: 'detached' });

    // The recorded times of the steps are on the facilitator's agenda.
    expect(await fac.page.getByTestId('agenda-step').first().innerText()).toMatch(
      /\d{1,2}:\d{2} – \d{1,2}:\d{2}/,
    );
    await closeRoom(room);
  });

  it('shows the same remaining time on all three screens, even with a wrong clock, and after a reload', async () => {
    // The participant's device clock is seven minutes fast.
    const room = await openRoom({ participantClockSkewMs: 7 * 60_000 });
    const { fac, par, proj } = room;
    await fac.page.getByTestId('agenda-start').click();
    await expect.poll(() => currentStep(par.page)).toContain('Khai mạc');
    await fac.page.getByTestId('timer-start').click();
    const agree = async (): Promise<void> => {
      await expect
        .poll(() => proj.page.getByTestId('timer').getAttribute('data-status'))
        .toBe('running');
      await expect
        .poll(() => par.page.getByTestId('timer').getAttribute('data-status'))
        .toBe('running');
      const [a, b, c] = [
        await timerSeconds(fac.page),
        await timerSeconds(par.page),
        await timerSeconds(proj.page),
      ];
      expect(a).toBeGreaterThan(9 * 60);
      expect(a).toBeLessThanOrEqual(10 * 60);
      expect(Math.max(a, b, c) - Math.min(a, b, c)).toBeLessThanOrEqual(1);
    };
    await agree();
    await par.page.reload();
    await proj.page.reload();
    await par.page.getByTestId('timer').waitFor();
    await proj.page.getByTestId('present-board').waitFor();
    await agree();

    // Pause: every screen shows the same frozen time.
    await fac.page.getByTestId('timer-pause').click();
    await expect
      .poll(() => proj.page.getByTestId('timer').getAttribute('data-status'))
      .toBe('paused');
    await expect
      .poll(() => par.page.getByTestId('timer').getAttribute('data-status'))
      .toBe('paused');
    // The facilitator's own screen too: until its slice arrives it may still be counting.
    await expect
      .poll(() => fac.page.getByTestId('timer').getAttribute('data-status'))
      .toBe('paused');
    const frozen = await timerSeconds(fac.page);
    expect(await timerSeconds(par.page)).toBe(frozen);
    expect(await timerSeconds(proj.page)).toBe(frozen);
    await closeRoom(room);
  });

  it('keeps private cards out of another participant’s browser until reveal (checked on its WebSocket frames)', async () => {
    const room = await openRoom();
    const { fac, par, created, districtId } = room;
    const secret = `BIMAT${Math.random().toString(36).slice(2, 10).toUpperCase()}`;
    const other = await api.join({
      joinCode: created.joinCode,
      name: 'Anh Minh',
      department: 'Phòng Dân tộc',
    });
    const watcher = await newUserPage(browser);
    const frames: string[] = [];
    watcher.page.on('websocket', (ws) =>
      ws.on('framereceived', (frame) =>
        frames.push(
          typeof frame.payload === 'string' ? frame.payload : frame.payload.toString('latin1'),
        ),
      ),
    );
    await watcher.page.goto(`${server.url}/m/${created.id}/${districtId}#t=${other.token}`);
    await watcher.page.getByTestId('board').waitFor();

    // Everyone to the district board, private writing on.
    await fac.page.goto(`${server.url}/m/${created.id}/${districtId}`);
    // The steps come with the socket's snapshot: the facilitator's controls are live now.
    await fac.page.getByTestId('agenda-step').first().waitFor();
    await fac.page.getByTestId('bring-here').click();
    await expect.poll(() => boardIdOf(par.page)).toBe(districtId);
    await fac.page.getByTestId('private-toggle').click();
    const draft = par.page.getByTestId('draft-board');
    await draft.waitFor();
    await draft.getByTestId('board-loading').waitFor({ state: 'detached' });
    await draft.getByTestId('quadrant-strengths').getByTestId('add-card').click();
    await par.page.keyboard.type(secret);

    // The facilitator sees a count, not the card.
    await expect
      .poll(() => fac.page.getByTestId('draft-counts').innerText())
      .toContain('Phòng Y tế: 1');
    expect(await fac.page.getByTestId('board').innerText()).not.toContain(secret);
    // The draft survives a reload of the participant's page.
    await par.page.reload();
    await par.page.getByTestId('draft-board').waitFor();
    await expect
      .poll(() =>
        par.page
          .getByTestId('draft-board')
          .getByTestId('card-text')
          .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
      )
      .toEqual([secret]);
    expect(frames.length).toBeGreaterThan(0);
    expect(frames.filter((f) => f.includes(secret))).toEqual([]);
    expect(await watcher.page.getByTestId('board').innerText()).not.toContain(secret);

    // Reveal: it arrives, with its author.
    await fac.page.getByTestId('reveal').click();
    const revealed = watcher.page
      .getByTestId('card')
      .filter({ has: watcher.page.locator(`textarea`) });
    await expect
      .poll(() =>
        watcher.page
          .getByTestId('card-text')
          .evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value)),
      )
      .toContain(secret);
    expect(await revealed.getByTestId('card-author').first().innerText()).toContain('Chị Lan');
    expect(frames.some((f) => f.includes(secret))).toBe(true);
    await par.page.getByTestId('draft-board').waitFor({ state: 'detached' });
    await watcher.context.close();
    await closeRoom(room);
  });

  it('fits a 40-card board on a 1024×768 and a 1920×1080 projector without scrolling', async () => {
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      departments: ['Phòng Y tế'],
    });
    const view = await api.meeting(created.id, created.facilitatorToken);
    const districtId = view.boards.find((b) => b.department === null)!.id;
    const writer = connectDoc(server.wsUrl, districtId, created.facilitatorToken);
    await writer.waitSynced();
    const quadrants = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
    const texts = [
      'Tỷ lệ hộ nghèo giảm nhanh nhờ các chương trình hỗ trợ sinh kế',
      'Hạ tầng giao thông liên xã còn yếu, mùa mưa thường bị chia cắt',
      'Chương trình mục tiêu quốc gia ưu tiên vùng đồng bào dân tộc thiểu số',
      'Biến đổi khí hậu, sạt lở đất ở các xã vùng cao',
      'Độ che phủ rừng cao, tiềm năng du lịch sinh thái',
    ];
    for (let i = 0; i < 40; i++)
      addCard(writer.doc, {
        quadrant: quadrants[i % 4]!,
        text: `${texts[i % texts.length]} (${i + 1})`,
        author: { id: 'sample', name: 'Dữ liệu mẫu', department: 'Phòng Y tế' },
      });
    await writer.waitSaved();
    writer.destroy();

    for (const viewport of [
      { width: 1024, height: 768 },
      { width: 1920, height: 1080 },
    ]) {
      const proj = await newUserPage(browser, { viewport });
      await proj.page.goto(`${server.url}/present/${created.id}#t=${created.observerToken}`);
      await expect.poll(() => proj.page.getByTestId('present-card').count()).toBe(40);
      const fit = await proj.page.evaluate(() => {
        const root = document.scrollingElement!;
        const offscreen = [...document.querySelectorAll('[data-testid="present-card"]')].filter(
          (el) => {
            const r = el.getBoundingClientRect();
            const q = el.closest('[data-quadrant]')!.getBoundingClientRect();
            return (
              r.bottom > Math.min(window.innerHeight, q.bottom) + 0.5 ||
              r.right > window.innerWidth + 0.5 ||
              r.height < 8
            );
          },
        ).length;
        return {
          scrollH: root.scrollHeight,
          scrollW: root.scrollWidth,
          h: window.innerHeight,
          w: window.innerWidth,
          offscreen,
        };
      });
      // Kept as a test artifact (tests/artifacts/, not committed), even when the checks fail.
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await proj.page.screenshot({
        path: path.join(ARTIFACTS, `present-${viewport.width}x${viewport.height}.png`),
      });
      expect(fit, `${viewport.width}×${viewport.height}`).toMatchObject({ offscreen: 0 });
      expect(fit.scrollH).toBeLessThanOrEqual(fit.h);
      expect(fit.scrollW).toBeLessThanOrEqual(fit.w);
      // No editing controls on the projector.
      expect(
        await proj.page
          .locator('textarea, [data-testid="add-card"], [data-testid="card-delete"]')
          .count(),
      ).toBe(0);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await proj.page.screenshot({
        path: path.join(ARTIFACTS, `present-${viewport.width}x${viewport.height}.png`),
      });
      await proj.context.close();
    }
  });
});
