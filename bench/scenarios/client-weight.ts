/**
 * Scenario 6, client weight: the production build's JavaScript and CSS for the first page a
 * participant loads, raw, gzip and brotli; and the time until a participant can type into a
 * card on a fresh page load in Chromium with the network throttled to DevTools' "Slow 3G"
 * (CDP Network.emulateNetworkConditions: 2,000 ms of added latency, 50,000 B/s each way),
 * with the HTTP cache disabled.
 *
 * Page loads timed (service workers blocked unless said otherwise: a phone on the hall's
 * plain-http LAN address cannot register one, so it starts with nothing cached):
 *   join    a new participant opens /join/<code>, enters a name and a department, joins,
 *           adds a card in "Strengths" and types into it (the form is filled by script, so
 *           only the page's own waiting counts);
 *   reload  the same participant reloads /m/<meeting> (token kept in local storage, HTTP
 *           cache disabled) and types into the existing card;
 *   reload with service worker (full run): the same, when the app's service worker has
 *           cached it (https or localhost), after an unthrottled join (also timed).
 * The assets counted are the JavaScript and CSS the browser actually fetched during the join
 * load, up to the moment typing worked; their sizes are compressed here from dist/client (our
 * server sends them uncompressed, so "transferred" is also recorded).
 *
 * A quick run times only the slow-3G join. Our server only: the reference server serves no client. If the client is not built or its
 * pages lack the data-testid hooks, the scenario reports "not measured" with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import zlib from 'node:zlib';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { ApiClient } from '../../tests/support/api';
import { CHROMIUM_PATH, launchBrowser } from '../../tests/support/browser';
import { waitForQuiet, withServer, type BenchContext } from '../lib/context';
import { ROOT } from '../lib/servers';
import { round } from '../lib/stats';

const CLIENT_DIR = path.join(ROOT, 'dist/client');

/** DevTools' "Slow 3G" preset (devtools-frontend NetworkManager.ts: Slow3GConditions). */
export const SLOW_3G = {
  offline: false,
  latency: 400 * 5,
  downloadThroughput: ((500 * 1000) / 8) * 0.8,
  uploadThroughput: ((500 * 1000) / 8) * 0.8,
};

/** Longest wait for one step of a page load. */
const STEP_TIMEOUT_MS = 60_000;

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface AssetSize extends Sizes {
  path: string;
  kind: 'js' | 'css';
}

export interface PageLoadTiming {
  /** ms from navigation start to each step; null when the step was not reached. */
  steps: Record<string, number | null>;
  /** ms until typing into a card worked (the figure with a target). */
  timeToTypeMs: number | null;
  requests: number;
  transferredBytes: number;
  /** Bytes on the wire by resource type (Script, Stylesheet, Font, Fetch, …). */
  byType: Record<string, number>;
  /** Every request (and WebSocket) of the load, in order. */
  waterfall: WaterfallEntry[];
  error?: string;
}

export interface ClientWeightResult {
  measured: boolean;
  reason?: string;
  /** How the asset list was found: fetched by the browser, or read from index.html. */
  assetSource: 'browser' | 'index.html' | null;
  firstPageAssets: AssetSize[];
  firstPage: { js: Sizes; css: Sizes };
  wholeBuild: { js: Sizes; css: Sizes; files: number };
  slow3g: {
    join: PageLoadTiming | null;
    reload: PageLoadTiming | null;
    /** Reload when the service worker holds the app (full run only). */
    reloadWithServiceWorker: PageLoadTiming | null;
  };
  unthrottled: { join: PageLoadTiming | null };
}

function sizesOf(file: string): Sizes {
  const buf = fs.readFileSync(file);
  return {
    raw: buf.byteLength,
    gzip: zlib.gzipSync(buf, { level: 9 }).byteLength,
    brotli: zlib.brotliCompressSync(buf, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.byteLength,
      },
    }).byteLength,
  };
}

function sum(list: Sizes[]): Sizes {
  return list.reduce(
    (a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }),
    {
      raw: 0,
      gzip: 0,
      brotli: 0,
    },
  );
}

function kindOf(p: string): 'js' | 'css' | null {
  if (p.endsWith('.js') || p.endsWith('.mjs')) return 'js';
  if (p.endsWith('.css')) return 'css';
  return null;
}

function assetSizes(paths: Iterable<string>): AssetSize[] {
  const out: AssetSize[] = [];
  for (const p of new Set(paths)) {
    const kind = kindOf(p);
    const file = path.join(CLIENT_DIR, p);
    if (!kind || !file.startsWith(CLIENT_DIR) || !fs.existsSync(file)) continue;
    out.push({ path: p, kind, ...sizesOf(file) });
  }
  return out.sort((a, b) => b.raw - a.raw);
}

/** The entry script, its preloaded imports and stylesheets named in index.html. */
function indexHtmlAssets(): string[] {
  const html = fs.readFileSync(path.join(CLIENT_DIR, 'index.html'), 'utf8');
  const found: string[] = [];
  for (const m of html.matchAll(/<(?:script|link)\b[^>]*?(?:src|href)="([^"]+)"[^>]*>/g)) {
    const ref = m[1] ?? '';
    if (ref.startsWith('/') && kindOf(ref)) found.push(ref.slice(1));
  }
  return found;
}

function wholeBuild(): ClientWeightResult['wholeBuild'] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (kindOf(e.name)) files.push(path.relative(CLIENT_DIR, p));
    }
  };
  walk(CLIENT_DIR);
  const sizes = assetSizes(files);
  return {
    js: sum(sizes.filter((s) => s.kind === 'js')),
    css: sum(sizes.filter((s) => s.kind === 'css')),
    files: sizes.length,
  };
}

/** Records what the page fetches, through CDP (the sizes on the wire). */
/** One request of a page load, relative to the first request (ms). */
export interface WaterfallEntry {
  path: string;
  type: string;
  startMs: number;
  endMs: number | null;
  bytes: number;
}

class NetworkLog {
  readonly urls = new Map<string, string>();
  private readonly entries = new Map<string, WaterfallEntry>();
  private zero: number | null = null;
  /** Latest CDP timestamp seen (webSocketCreated carries none). */
  private last = 0;
  byType: Record<string, number> = {};
  transferred = 0;
  requests = 0;
  constructor(cdp: CDPSession) {
    const ms = (timestamp: number): number => {
      this.zero ??= timestamp;
      this.last = Math.max(this.last, timestamp);
      return Math.round((timestamp - this.zero) * 1000);
    };
    const pathOf = (url: string): string => {
      try {
        const u = new URL(url);
        return u.pathname.length > 60 ? `${u.pathname.slice(0, 60)}…` : u.pathname;
      } catch {
        return url.slice(0, 60);
      }
    };
    cdp.on('Network.requestWillBeSent', (e) => {
      this.entries.set(e.requestId, {
        path: pathOf(e.request.url),
        type: e.type ?? 'Other',
        startMs: ms(e.timestamp),
        endMs: null,
        bytes: 0,
      });
    });
    cdp.on('Network.responseReceived', (e) => {
      this.urls.set(e.requestId, e.response.url);
      const entry = this.entries.get(e.requestId);
      if (entry) entry.type = e.type;
    });
    cdp.on('Network.loadingFinished', (e) => {
      this.requests++;
      this.transferred += e.encodedDataLength;
      const entry = this.entries.get(e.requestId);
      if (entry) {
        entry.endMs = ms(e.timestamp);
        entry.bytes = e.encodedDataLength;
      }
      const type = entry?.type ?? 'Other';
      this.byType[type] = (this.byType[type] ?? 0) + e.encodedDataLength;
    });
    cdp.on('Network.webSocketCreated', (e) => {
      this.entries.set(e.requestId, {
        path: pathOf(e.url),
        type: 'WebSocket',
        startMs: ms(this.now()),
        endMs: null,
        bytes: 0,
      });
    });
    cdp.on('Network.webSocketHandshakeResponseReceived', (e) => {
      const entry = this.entries.get(e.requestId);
      if (entry) entry.endMs = ms(e.timestamp);
    });
    cdp.on('Network.webSocketFrameReceived', (e) => {
      const entry = this.entries.get(e.requestId);
      if (entry) entry.bytes += e.response.payloadData.length;
    });
  }
  private now(): number {
    return this.last;
  }
  reset(): void {
    this.urls.clear();
    this.entries.clear();
    this.zero = null;
    this.byType = {};
    this.transferred = 0;
    this.requests = 0;
  }
  waterfall(): WaterfallEntry[] {
    return [...this.entries.values()].sort((a, b) => a.startMs - b.startMs);
  }
  assetPaths(origin: string): string[] {
    return [...this.urls.values()]
      .filter((u) => u.startsWith(origin))
      .map((u) => new URL(u).pathname.slice(1));
  }
}

async function throttle(cdp: CDPSession, on: boolean): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send(
    'Network.emulateNetworkConditions',
    on ? SLOW_3G : { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 },
  );
}

async function step(
  steps: Record<string, number | null>,
  name: string,
  t0: number,
  body: () => Promise<void>,
): Promise<void> {
  steps[name] = null;
  await body();
  steps[name] = round(performance.now() - t0, 0);
}

/** A new participant: join page → form → board → add a card → type. */
async function joinAndType(
  page: Page,
  baseUrl: string,
  joinCode: string,
  net: NetworkLog,
): Promise<PageLoadTiming> {
  const steps: Record<string, number | null> = {};
  net.reset();
  const t0 = performance.now();
  const opts = { timeout: STEP_TIMEOUT_MS };
  try {
    await step(steps, 'joinFormShown', t0, async () => {
      await page.goto(`${baseUrl}/join/${joinCode}`, {
        waitUntil: 'commit',
        timeout: STEP_TIMEOUT_MS,
      });
      await page.getByTestId('join-name').waitFor({ state: 'visible', ...opts });
    });
    await step(steps, 'joined', t0, async () => {
      const code = page.getByTestId('join-code');
      if ((await code.count()) > 0 && (await code.inputValue()) === '') await code.fill(joinCode);
      await page.getByTestId('join-name').fill('Chị Lan');
      const select = page.getByTestId('join-department');
      await select
        .locator('option:not([disabled])')
        .first()
        .waitFor({ state: 'attached', ...opts });
      const value = await select.locator('option:not([disabled])').first().getAttribute('value');
      await select.selectOption(value ?? '');
      await page.getByTestId('join-submit').click(opts);
      await page.waitForURL(/\/m\//, opts);
    });
    const addCard = page.getByTestId('quadrant-strengths').getByTestId('add-card');
    await step(steps, 'boardShown', t0, () => addCard.waitFor({ state: 'visible', ...opts }));
    const text = page.getByTestId('card-text').last();
    await step(steps, 'typed', t0, async () => {
      await addCard.click(opts);
      await text.waitFor({ state: 'visible', ...opts });
      await text.click(opts);
      await page.keyboard.type('Đ');
      await page.waitForFunction(
        (el) => (el as HTMLTextAreaElement | null)?.value.includes('Đ') === true,
        await text.elementHandle(opts),
        opts,
      );
    });
    return {
      steps,
      timeToTypeMs: steps.typed ?? null,
      requests: net.requests,
      transferredBytes: net.transferred,
      byType: { ...net.byType },
      waterfall: net.waterfall(),
    };
  } catch (err) {
    return {
      steps,
      timeToTypeMs: null,
      requests: net.requests,
      transferredBytes: net.transferred,
      byType: { ...net.byType },
      waterfall: net.waterfall(),
      error: (err instanceof Error ? err.message : String(err)).split('\n')[0],
    };
  }
}

/** A returning participant reloads the meeting page and types into the existing card. */
async function reloadAndType(
  page: Page,
  baseUrl: string,
  meetingId: string,
  net: NetworkLog,
): Promise<PageLoadTiming> {
  const steps: Record<string, number | null> = {};
  net.reset();
  const t0 = performance.now();
  const opts = { timeout: STEP_TIMEOUT_MS };
  try {
    const text = page.getByTestId('card-text').first();
    await step(steps, 'cardShown', t0, async () => {
      await page.goto(`${baseUrl}/m/${meetingId}`, {
        waitUntil: 'commit',
        timeout: STEP_TIMEOUT_MS,
      });
      await text.waitFor({ state: 'visible', ...opts });
    });
    await step(steps, 'typed', t0, async () => {
      await text.click(opts);
      await page.keyboard.press('End');
      await page.keyboard.type('x');
      await page.waitForFunction(
        (el) => (el as HTMLTextAreaElement | null)?.value.endsWith('x') === true,
        await text.elementHandle(opts),
        opts,
      );
    });
    return {
      steps,
      timeToTypeMs: steps.typed ?? null,
      requests: net.requests,
      transferredBytes: net.transferred,
      byType: { ...net.byType },
      waterfall: net.waterfall(),
    };
  } catch (err) {
    return {
      steps,
      timeToTypeMs: null,
      requests: net.requests,
      transferredBytes: net.transferred,
      byType: { ...net.byType },
      waterfall: net.waterfall(),
      error: (err instanceof Error ? err.message : String(err)).split('\n')[0],
    };
  }
}

export async function runClientWeight(ctx: BenchContext): Promise<ClientWeightResult> {
  ctx.log('scenario 6: client weight and time to type on slow 3G');
  const empty: Sizes = { raw: 0, gzip: 0, brotli: 0 };
  const result: ClientWeightResult = {
    measured: false,
    assetSource: null,
    firstPageAssets: [],
    firstPage: { js: empty, css: empty },
    wholeBuild: { js: empty, css: empty, files: 0 },
    slow3g: { join: null, reload: null, reloadWithServiceWorker: null },
    unthrottled: { join: null },
  };
  if (!fs.existsSync(path.join(CLIENT_DIR, 'index.html'))) {
    result.reason = 'dist/client/index.html is missing: the client build failed or has not run';
    ctx.log(`  not measured: ${result.reason}`);
    return result;
  }
  result.wholeBuild = wholeBuild();
  const setFirstPage = (paths: string[], source: 'browser' | 'index.html'): void => {
    result.firstPageAssets = assetSizes(paths);
    result.assetSource = source;
    result.firstPage = {
      js: sum(result.firstPageAssets.filter((a) => a.kind === 'js')),
      css: sum(result.firstPageAssets.filter((a) => a.kind === 'css')),
    };
  };
  setFirstPage(indexHtmlAssets(), 'index.html');
  result.measured = true;

  if (!ctx.targets.includes('ours')) return result;
  if (!fs.existsSync(CHROMIUM_PATH)) {
    result.reason = `Chromium not found at ${CHROMIUM_PATH}: page loads not measured`;
    ctx.log(`  ${result.reason}`);
    return result;
  }

  await waitForQuiet(ctx);
  await withServer(ctx, 'ours', async (server) => {
    const api = new ApiClient(server.httpUrl);
    let browser: Browser | null = null;
    try {
      browser = await launchBrowser();
      // Full run: a participant whose browser keeps the app in its service worker (it
      // registers on https and on localhost, not on a plain-http LAN address): joins
      // unthrottled (the page's own work, without the network's), then reloads on slow 3G.
      if (!ctx.quick) {
        const meeting = await api.createMeeting({
          title: 'Đo tải trang',
          departments: ['Phòng Y tế'],
        });
        const context = await browser.newContext({
          viewport: { width: 390, height: 844 },
          locale: 'vi-VN',
          serviceWorkers: 'allow',
        });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const net = new NetworkLog(cdp);
        await throttle(cdp, false);
        result.unthrottled.join = await joinAndType(page, server.httpUrl, meeting.joinCode, net);
        if (result.unthrottled.join.timeToTypeMs !== null) {
          await throttle(cdp, true);
          result.slow3g.reloadWithServiceWorker = await reloadAndType(
            page,
            server.httpUrl,
            meeting.id,
            net,
          );
        }
        await context.close();
      }
      const meeting = await api.createMeeting({
        title: 'Đo tải trang 3G',
        departments: ['Phòng Y tế'],
      });
      // A fresh phone: no service worker (a plain-http LAN address cannot register one), no
      // HTTP cache.
      const context = await browser.newContext({
        viewport: { width: 390, height: 844 },
        locale: 'vi-VN',
        serviceWorkers: 'block',
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      const net = new NetworkLog(cdp);
      await throttle(cdp, true);
      result.slow3g.join = await joinAndType(page, server.httpUrl, meeting.joinCode, net);
      const fetched = net.assetPaths(server.httpUrl);
      if (result.slow3g.join.timeToTypeMs !== null && fetched.some((p) => kindOf(p) === 'js')) {
        setFirstPage(fetched, 'browser');
      }
      if (result.slow3g.join.timeToTypeMs !== null && !ctx.quick) {
        result.slow3g.reload = await reloadAndType(page, server.httpUrl, meeting.id, net);
      }
      await context.close();
    } finally {
      await browser?.close();
    }
  });

  const j = result.slow3g.join;
  if (j?.timeToTypeMs === null || j === null) {
    result.reason = `page load not measured: ${j?.error ?? 'no result'} (steps reached: ${JSON.stringify(j?.steps ?? {})})`;
  }
  ctx.log(
    `  first page (${result.assetSource}): JS ${kib(result.firstPage.js.gzip)} KiB gzip / ${kib(result.firstPage.js.brotli)} KiB brotli` +
      ` (${kib(result.firstPage.js.raw)} KiB raw), CSS ${kib(result.firstPage.css.gzip)} KiB gzip`,
  );
  ctx.log(
    `  time to type: slow 3G join ${fmt(result.slow3g.join)}, reload ${fmt(result.slow3g.reload)}; unthrottled join ${fmt(
      result.unthrottled.join,
    )}`,
  );
  if (result.reason) ctx.log(`  ${result.reason}`);
  return result;
}

function kib(bytes: number): number {
  return round(bytes / 1024, 1);
}

function fmt(t: PageLoadTiming | null): string {
  if (!t) return 'not measured';
  return t.timeToTypeMs !== null ? `${t.timeToTypeMs} ms` : `failed (${t.error ?? 'unknown'})`;
}
