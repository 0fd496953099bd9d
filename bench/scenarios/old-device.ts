/**
 * Scenario 8, old devices: a SWOT board with 200 cards open in Chromium whose main thread is
 * slowed four times (CDP Emulation.setCPUThrottlingRate, rate 4: DevTools' "4× slowdown", an
 * old laptop or a cheap phone), no network throttling.
 *
 *   remote edit  a second participant, a real y-websocket client in this process, appends a
 *                marker to one card's text (a different card each time, 30 edits one after
 *                another); the page polls that card's textarea on every animation frame and
 *                reports the frame in which the marker is there, so the figure runs from the
 *                edit's transaction until the frame that paints it (same machine, same clock);
 *   typing       the participant types 200 characters into a card through the keyboard
 *                (CDP key events, one every 50 ms, a fast typist); meanwhile the page records
 *                the gaps between animation frames and every long task (PerformanceObserver
 *                'longtask', tasks over 50 ms). The figure with a target is the longest frame.
 *   floor        the same typing, same browser and slowdown, into a bare textarea on an empty
 *                page: what the browser and the machine cost without the app (a frame over
 *                50 ms here is the machine's, e.g. a core shared with the generator);
 *   static copy  the same typing into the same card of a copy of the board's page as it stood
 *                before the typing (its DOM and our CSS, every card's text, no script): what
 *                the browser costs for our page without any of our code running.
 *
 * The remote edits start once the board is on screen: the cards being in the DOM is not enough,
 * as the first frame that draws 200 cards at 4× takes a few hundred milliseconds; that frame is
 * reported on its own (boardFirstFramesMs) rather than counted as the first edit's latency.
 *
 * BANTRON_PROFILE_TYPING=<file> writes a CPU profile (CDP Profiler) of the typing phase there;
 * BANTRON_TRACE_TYPING=<file> a Chromium trace of it (style, layout, paint and script per
 * task, which a CPU profile lumps into "(program)"), read by bench/summarize-trace.ts;
 * BANTRON_TRACE_REMOTE=<file> the same of the remote edits; BANTRON_TRACE_FLOOR=<file> and
 * BANTRON_TRACE_STATIC=<file> of the bare textarea's and the static copy's typing.
 *
 * Our server only (the reference serves no client). If Chromium or the build is missing the
 * scenario reports "not measured" with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { addCard, editCardText, cardText, SWOT_QUADRANTS } from '@shared/doc/swot-board';
import { ApiClient } from '../../tests/support/api';
import { CHROMIUM_PATH, launchBrowser } from '../../tests/support/browser';
import { FullClient } from '../lib/full-client';
import { waitForQuiet, withServer, type BenchContext } from '../lib/context';
import { ROOT } from '../lib/servers';
import { percentiles, round, type Percentiles } from '../lib/stats';

const CARDS = 200;
const REMOTE_EDITS = 30;
const KEYSTROKES = 200;
const KEY_DELAY_MS = 50;
const CPU_SLOWDOWN = 4;
const STEP_TIMEOUT_MS = 60_000;
/** What BANTRON_TRACE_TYPING records: the renderer's tasks and what each spent its time on. */
const TRACE_CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'toplevel',
  'v8.execute',
  'blink.user_timing',
  'v8',
  'disabled-by-default-v8.gc',
];

export interface OldDeviceResult {
  measured: boolean;
  reason?: string;
  cpuSlowdown: number;
  cards: number;
  /**
   * From the moment the 200 cards are in the DOM (and the slowdown is switched on) to the second
   * animation frame after it: the board's first render on the slow device. Absent in results
   * written before it was measured (their first remote edit waited for this frame).
   */
  boardFirstFramesMs?: number | null;
  /** ms from the remote transaction to the frame that shows it. */
  remoteEditToScreenMs: Percentiles | null;
  typing: {
    keystrokes: number;
    /** Longest gap between two animation frames while typing (ms). */
    longestFrameMs: number | null;
    /** Frame gaps over 50 ms. */
    framesOver50Ms: number;
    /** When each of them ended, in ms since the typing began (absent in older results). */
    framesOver50AtMs?: number[];
    frameGapMs: Percentiles | null;
    longTasks: number;
    longestTaskMs: number | null;
    /** Every character arrived in the textarea. */
    complete: boolean;
  } | null;
  /**
   * The same typing into a bare textarea on an empty page (the browser's own floor); absent
   * in results written before it was measured.
   */
  typingFloor?: TypingFrames | null;
  /**
   * The same typing into the same card of a script-less copy of the board's page (its DOM and
   * CSS): what our page costs the browser without our code. Absent in older results.
   */
  typingStaticCopy?: TypingFrames | null;
}

/** The frames seen while typing into a page that runs none of our code. */
export interface TypingFrames {
  longestFrameMs: number | null;
  framesOver50Ms: number;
  framesOver50AtMs?: number[];
  frameGapMs: Percentiles | null;
}

/** ` (at 117, 3,367 ms)`: when the frames over 50 ms ended, for the log. */
function overAt(at: readonly number[] | undefined): string {
  return at?.length ? ` (at ${at.map((t) => t.toLocaleString('en-US')).join(', ')} ms)` : '';
}

/** What the gaps between animation frames say: the longest, those over 50 ms and when. */
function typingFrames(gaps: readonly number[]): TypingFrames {
  // When each frame over 50 ms ended, in ms since the first gap began.
  const overAtMs: number[] = [];
  let elapsed = 0;
  for (const gap of gaps) {
    elapsed += gap;
    if (gap > 50) overAtMs.push(Math.round(elapsed));
  }
  return {
    longestFrameMs: gaps.length ? round(Math.max(...gaps), 1) : null,
    framesOver50Ms: overAtMs.length,
    framesOver50AtMs: overAtMs,
    frameGapMs: percentiles(gaps.map((g) => round(g, 1))),
  };
}

/*
 * The page-side code is kept as source text: functions handed to page.evaluate would carry
 * the helpers tsx adds to named functions (`__name`), which do not exist in the page.
 */

/** In the page: resolves with the epoch time (ms) of the first frame showing `marker`. */
const WAIT_FOR_MARKER = `(args) => new Promise((resolve) => {
  const sel = '[data-card-id="' + args.cardId + '"] [data-testid="card-text"]';
  const check = () => {
    const el = document.querySelector(sel);
    if (el && el.value.includes(args.marker)) resolve(performance.timeOrigin + performance.now());
    else requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})`;

/** In the page: records the gaps between animation frames and every long task. */
const START_FRAME_PROBE = `(() => {
  const probe = { gaps: [], tasks: [], on: true };
  window.__probe = probe;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (probe.on) probe.tasks.push(e.duration);
  }).observe({ type: 'longtask' });
  let last = 0;
  const frame = (t) => {
    if (!probe.on) return;
    probe.gaps.push(t - last);
    last = t;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame((t) => { last = t; requestAnimationFrame(frame); });
})()`;

/** In the page: stops the probe and returns what it saw. */
const STOP_FRAME_PROBE = `(() => { window.__probe.on = false; return { gaps: window.__probe.gaps, tasks: window.__probe.tasks }; })()`;

/** In the page: resolves after the second animation frame, with the ms it took. */
const TWO_FRAMES = `new Promise((resolve) => {
  const start = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)));
})`;

/**
 * In the page: the document as HTML without its scripts, each textarea holding the text it shows
 * (a textarea's value is a property, not markup).
 */
const STATIC_COPY = `(() => {
  const copy = document.documentElement.cloneNode(true);
  const shown = document.querySelectorAll('textarea');
  copy.querySelectorAll('textarea').forEach((t, i) => { t.textContent = shown[i] ? shown[i].value : ''; });
  copy.querySelectorAll('script, link[rel="modulepreload"]').forEach((e) => e.remove());
  return '<!doctype html>' + copy.outerHTML;
})()`;

/**
 * Types `typed` into `selector` of a page that `open` sets up, at the scenario's slowdown, and
 * times the frames (the floor and the static copy: pages that run none of our code).
 */
async function typeIntoStill(
  browser: Browser,
  open: (page: Page) => Promise<void>,
  selector: string,
  typed: string,
  traceTo: string | undefined,
): Promise<TypingFrames> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'vi-VN',
    serviceWorkers: 'block',
  });
  try {
    const page = await context.newPage();
    await open(page);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.locator(selector).click({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('End');
    await page.evaluate(START_FRAME_PROBE);
    if (traceTo) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
    await page.keyboard.type(typed, { delay: KEY_DELAY_MS });
    if (traceTo) fs.writeFileSync(traceTo, await browser.stopTracing());
    const { gaps } = await page.evaluate<{ gaps: number[] }>(STOP_FRAME_PROBE);
    return typingFrames(gaps);
  } finally {
    await context.close();
  }
}

export async function runOldDevice(ctx: BenchContext): Promise<OldDeviceResult> {
  ctx.log(`scenario 8: old device (${CPU_SLOWDOWN}× CPU), board of ${CARDS} cards`);
  const result: OldDeviceResult = {
    measured: false,
    cpuSlowdown: CPU_SLOWDOWN,
    cards: CARDS,
    remoteEditToScreenMs: null,
    typing: null,
    typingFloor: null,
    typingStaticCopy: null,
  };
  if (!fs.existsSync(path.join(ROOT, 'dist/client/index.html'))) {
    result.reason = 'dist/client/index.html is missing: run npm run build';
    ctx.log(`  not measured: ${result.reason}`);
    return result;
  }
  if (!ctx.targets.includes('ours')) return result;
  if (!fs.existsSync(CHROMIUM_PATH)) {
    result.reason = `Chromium not found at ${CHROMIUM_PATH}`;
    ctx.log(`  not measured: ${result.reason}`);
    return result;
  }

  await waitForQuiet(ctx);
  await withServer(ctx, 'ours', async (server) => {
    const api = new ApiClient(server.httpUrl);
    const created = await api.createMeeting({
      title: 'Đo thiết bị cũ (dữ liệu mẫu)',
      departments: ['Phòng Y tế', 'Phòng Giáo dục và Đào tạo'],
    });
    const view = await api.meeting(created.id, created.facilitatorToken);
    const board = view.boards.find((b) => b.kind === 'swot');
    if (!board) throw new Error('the new meeting has no SWOT board');
    const remoteJoin = await api.join({
      joinCode: created.joinCode,
      name: 'Anh Minh',
      department: 'Phòng Y tế',
    });
    const author = {
      id: remoteJoin.participantId,
      name: 'Anh Minh',
      department: 'Phòng Y tế',
    };
    const remote = new FullClient({
      serverUrl: `${server.wsBase}/yjs`,
      room: board.id,
      params: { token: remoteJoin.token },
      sender: 1,
      author,
      onMarker: () => undefined,
    });
    let browser: Browser | null = null;
    try {
      await remote.synced;
      const cardIds: string[] = [];
      for (let i = 0; i < CARDS; i++) {
        const quadrant = SWOT_QUADRANTS[i % SWOT_QUADRANTS.length] ?? 'strengths';
        cardIds.push(
          addCard(remote.doc, { quadrant, author, text: `Ý kiến số ${i + 1} của phòng` }),
        );
      }
      const me = await api.join({
        joinCode: created.joinCode,
        name: 'Chị Lan',
        department: 'Phòng Giáo dục và Đào tạo',
      });
      browser = await launchBrowser();
      const context = await browser.newContext({
        viewport: { width: 1280, height: 800 },
        locale: 'vi-VN',
        serviceWorkers: 'block',
      });
      const page: Page = await context.newPage();
      await page.goto(`${server.httpUrl}/m/${created.id}/${board.id}#t=${me.token}`);
      await page.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="card"]').length >= n,
        CARDS,
        { timeout: STEP_TIMEOUT_MS },
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      // The frame that first draws the cards (Playwright checks the condition in an animation
      // frame callback, before that frame renders).
      result.boardFirstFramesMs = round(await page.evaluate<number>(TWO_FRAMES), 1);

      // (a) remote edits, one at a time, each on another card.
      const latencies: number[] = [];
      const traceRemoteTo = process.env.BANTRON_TRACE_REMOTE;
      if (traceRemoteTo) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      for (let i = 0; i < REMOTE_EDITS; i++) {
        const cardId = cardIds[(i * 7) % CARDS] as string;
        const marker = ` [sửa ${i}]`;
        const seen = page.evaluate<number>(
          `(${WAIT_FOR_MARKER})(${JSON.stringify({ cardId, marker })})`,
        );
        const before = cardText(remote.doc, cardId)?.toString() ?? '';
        const t0 = performance.timeOrigin + performance.now();
        editCardText(remote.doc, cardId, before + marker);
        latencies.push((await seen) - t0);
      }
      if (traceRemoteTo) fs.writeFileSync(traceRemoteTo, await browser.stopTracing());
      result.remoteEditToScreenMs = percentiles(latencies.map((v) => round(v, 1)));

      // (b) typing into a card of the participant's own.
      const typedCard = `[data-card-id="${cardIds[CARDS - 1]}"] [data-testid="card-text"]`;
      const staticCopy = await page.evaluate<string>(STATIC_COPY);
      const text = page.locator(typedCard);
      await text.click({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('End');
      await page.evaluate(START_FRAME_PROBE);
      const typed = 'abcdefghij'.repeat(KEYSTROKES / 10);
      const profileTo = process.env.BANTRON_PROFILE_TYPING;
      if (profileTo) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      const traceTo = process.env.BANTRON_TRACE_TYPING;
      if (traceTo) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await page.keyboard.type(typed, { delay: KEY_DELAY_MS });
      if (traceTo) fs.writeFileSync(traceTo, await browser.stopTracing());
      if (profileTo) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.writeFileSync(profileTo, JSON.stringify(profile));
      }
      const complete = await page
        .waitForFunction(
          (s) => (document.activeElement as HTMLTextAreaElement | null)?.value.endsWith(s) === true,
          typed,
          { timeout: STEP_TIMEOUT_MS },
        )
        .then(() => true)
        .catch(() => false);
      const probe = await page.evaluate<{ gaps: number[]; tasks: number[] }>(STOP_FRAME_PROBE);
      const gaps = probe.gaps;
      result.typing = {
        keystrokes: KEYSTROKES,
        ...typingFrames(gaps),
        longTasks: probe.tasks.length,
        longestTaskMs: probe.tasks.length ? round(Math.max(...probe.tasks), 1) : null,
        complete,
      };
      result.measured = true;
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      await context.close();
      const copyUrl = `${server.httpUrl}/bench-static-copy`;
      result.typingStaticCopy = await typeIntoStill(
        browser,
        async (p) => {
          await p.route(copyUrl, (route) =>
            route.fulfill({ contentType: 'text/html; charset=utf-8', body: staticCopy }),
          );
          await p.goto(copyUrl);
          await p.evaluate(TWO_FRAMES);
        },
        typedCard,
        typed,
        process.env.BANTRON_TRACE_STATIC,
      );
      result.typingFloor = await typeIntoStill(
        browser,
        (p) => p.setContent('<!doctype html><textarea rows="3" style="width:20rem"></textarea>'),
        'textarea',
        typed,
        process.env.BANTRON_TRACE_FLOOR,
      );
    } finally {
      remote.destroy();
      await browser?.close();
    }
  });

  const r = result.remoteEditToScreenMs;
  const ty = result.typing;
  ctx.log(`  board's first frames at ${CPU_SLOWDOWN}×: ${result.boardFirstFramesMs ?? '–'} ms`);
  ctx.log(
    `  remote edit → screen: p50 ${r?.p50 ?? '–'} ms, p95 ${r?.p95 ?? '–'} ms, max ${r?.max ?? '–'} ms`,
  );
  ctx.log(
    `  typing ${ty?.keystrokes ?? 0} keys: longest frame ${ty?.longestFrameMs ?? '–'} ms, ${ty?.framesOver50Ms ?? 0} frames over 50 ms${overAt(ty?.framesOver50AtMs)}, ${ty?.longTasks ?? 0} long tasks (longest ${ty?.longestTaskMs ?? '–'} ms)`,
  );
  const stills: [string, TypingFrames | null | undefined][] = [
    ['static copy (our page, no script)', result.typingStaticCopy],
    ['floor (bare textarea)', result.typingFloor],
  ];
  for (const [label, f] of stills) {
    if (!f) continue;
    ctx.log(
      `  ${label}: longest frame ${f.longestFrameMs ?? '–'} ms, ${f.framesOver50Ms} frames over 50 ms${overAt(f.framesOver50AtMs)}, frame gap p50 ${f.frameGapMs?.p50 ?? '–'} ms`,
    );
  }
  return result;
}
