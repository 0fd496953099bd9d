/**
 * Debian's Chromium driven by playwright-core. One browser per test file, one context per
 * user. When Chromium is missing the e2e tests skip locally, saying so; in CI
 * (BANTRON_REQUIRE_BROWSER=1, set by .ci/run) a missing browser is a failure.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** True when browser tests can run here; throws when they must and cannot. */
export function browserAvailable(): boolean {
  const present = fs.existsSync(CHROMIUM_PATH);
  if (!present && process.env.BANTRON_REQUIRE_BROWSER === '1') {
    throw new Error(`Chromium not found at ${CHROMIUM_PATH}: browser tests must run in CI.`);
  }
  if (!present)
    console.warn(
      `[e2e] SKIPPED: Chromium not found at ${CHROMIUM_PATH} (apt-get install chromium).`,
    );
  return present;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}

/** A page in a fresh context (its own storage, like another person's device). */
export async function newUserPage(
  browser: Browser,
  options: {
    viewport?: { width: number; height: number };
    locale?: string;
    /** Lets a test inject a script of its own (axe-core) despite the app's CSP. */
    bypassCSP?: boolean;
    /** A touch screen (a phone): enables locator.tap(). */
    hasTouch?: boolean;
    /** 'block': nothing cached by the app's service worker (a phone on the hall's LAN). */
    serviceWorkers?: 'allow' | 'block';
  } = {},
): Promise<{ context: BrowserContext; page: Page; dialogs: string[]; consoleErrors: string[] }> {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'vi-VN',
    bypassCSP: options.bypassCSP ?? false,
    hasTouch: options.hasTouch ?? false,
    serviceWorkers: options.serviceWorkers ?? 'allow',
  });
  const page = await context.newPage();
  const dialogs: string[] = [];
  const consoleErrors: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(e.message));
  return { context, page, dialogs, consoleErrors };
}
