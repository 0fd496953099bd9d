/**
 * A new participant's board comes with the join answer (docs/api.md, POST /api/join): in
 * Chromium, with the board's WebSocket held back, the participant sees the board as stored,
 * adds a card and types into it; the indicator does not claim "saved" meanwhile; once the
 * socket goes through, the typed text reaches another client and is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, WebSocketRoute } from 'playwright-core';
import { addCard, boardView } from '@shared/doc/swot-board';
import { ApiClient } from '../support/api';
import { browserAvailable, launchBrowser, newUserPage } from '../support/browser';
import { startServer, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait-for';
import { followBoard } from '../support/socket-client';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

const run = browserAvailable();
let browser: Browser;
let server: ServerProcess;
const clients: TestDocClient[] = [];

beforeAll(async () => {
  if (!run) return;
  server = await startServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await browser?.close();
  await server?.kill();
});

describe.skipIf(!run)('the board of a new participant', () => {
  it('can be typed into before its WebSocket connects, and the text arrives once it does', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn (dữ liệu mẫu)',
      district: 'Huyện Mẫu',
      departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
    });
    const view = await api.meeting(created.id, created.facilitatorToken);
    const health = view.boards.find((b) => b.department === 'Phòng Y tế')!;
    const fac = connectDoc(server.wsUrl, health.id, created.facilitatorToken);
    clients.push(fac);
    await fac.waitSynced();
    addCard(fac.doc, {
      quadrant: 'threats',
      author: { id: 'f', name: 'Người điều phối', department: '' },
      text: 'Đã có trên bảng',
    });
    await fac.waitSaved();

    const { page } = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
    // Every board socket of this page is held: what the page sends waits here, and nothing
    // reaches the server until `release`.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const held: WebSocketRoute[] = [];
    await page.routeWebSocket(/\/yjs\//, (ws) => {
      held.push(ws);
      const early: (string | Buffer)[] = [];
      let toServer: WebSocketRoute | null = null;
      ws.onMessage((message) => {
        if (toServer) toServer.send(message);
        else early.push(message);
      });
      void released.then(() => {
        toServer = ws.connectToServer();
        for (const message of early.splice(0)) toServer.send(message);
      });
    });

    await page.goto(`${server.url}/join/${created.joinCode}`);
    await page.getByTestId('join-name').fill('Chị Lan');
    await page.getByTestId('join-department').selectOption('Phòng Y tế');
    await page.getByTestId('join-submit').click();

    // The board as stored, with no WebSocket through.
    const threats = page.getByTestId('quadrant-threats').getByTestId('card-text');
    await expect.poll(() => threats.first().inputValue()).toBe('Đã có trên bảng');
    await page.getByTestId('quadrant-strengths').getByTestId('add-card').click();
    await page.keyboard.type('Gõ khi chưa nối mạng');
    const typed = page.getByTestId('quadrant-strengths').getByTestId('card-text').first();
    await expect.poll(() => typed.inputValue()).toBe('Gõ khi chưa nối mạng');
    expect(held.length).toBeGreaterThan(0);
    // Nothing has reached the server, and the indicator does not say otherwise.
    expect(boardView(fac.doc).strengths).toHaveLength(0);
    const status = page.getByTestId('connection-status');
    expect(await status.getAttribute('data-state')).not.toBe('online');
    // The count follows edits with a trailing throttle (UNSAVED_COUNT_MS): wait for it.
    await expect
      .poll(async () => Number(await status.getAttribute('data-unsaved')))
      .toBeGreaterThan(0);

    release();
    await waitFor(() =>
      expect(boardView(fac.doc).strengths.map((c) => c.text)).toEqual(['Gõ khi chưa nối mạng']),
    );
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => status.getAttribute('data-unsaved')).toBe('0');
    // Exactly one copy of what was on the board: the given state and the sync did not double it.
    expect(boardView(fac.doc).threats.map((c) => c.text)).toEqual(['Đã có trên bảng']);
    expect(await threats.count()).toBe(1);
  });

  it('lands on the board follow-me holds before the meeting socket says so', async () => {
    const api = new ApiClient(server.url);
    const created = await api.createMeeting({
      title: 'Hội nghị theo người điều phối',
      district: 'Huyện Mẫu',
      departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
    });
    const view = await api.meeting(created.id, created.facilitatorToken);
    const district = view.boards.find((b) => b.department === null)!;
    const fac = connectDoc(server.wsUrl, district.id, created.facilitatorToken);
    clients.push(fac);
    await fac.waitSynced();
    addCard(fac.doc, {
      quadrant: 'opportunities',
      author: { id: 'f', name: 'Người điều phối', department: '' },
      text: 'Bảng chung của cả huyện',
    });
    await fac.waitSaved();
    await followBoard(server.url, created.facilitatorToken, district.id);

    // Neither the board sockets nor the meeting socket get through: the page knows follow-me
    // only from the board the join answer carried.
    const { page } = await newUserPage(browser, { viewport: { width: 390, height: 844 } });
    await page.routeWebSocket(/\/(yjs|socket\.io)\//, () => {});
    await page.route(/\/socket\.io\//, () => {});
    await page.goto(`${server.url}/join/${created.joinCode}`);
    await page.getByTestId('join-name').fill('Anh Minh');
    await page.getByTestId('join-department').selectOption('Phòng Y tế');
    await page.getByTestId('join-submit').click();

    await page.waitForURL(new RegExp(`/m/${created.id}/${district.id}`));
    const opportunities = page.getByTestId('quadrant-opportunities').getByTestId('card-text');
    await expect.poll(() => opportunities.first().inputValue()).toBe('Bảng chung của cả huyện');
  });
});
