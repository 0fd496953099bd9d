/**
 * The built client as a browser gets it: compressed assets, the SPA fallback, no path escape.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_PAGE_KEYS, LATER_SECTIONS } from '../../client/src/i18n/later-sections';
import { startServer, type ServerProcess } from '../support/server-process';

const ASSETS = path.resolve(import.meta.dirname, '../../dist/client/assets');
let server: ServerProcess;

/** A GET that keeps the body as sent (fetch would decompress it). */
function rawGet(
  url: string,
  headers: Record<string, string>,
): Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.kill();
});

describe('serving the built client', () => {
  it('sends scripts brotli- or gzip-compressed when the browser accepts it', async () => {
    const name = fs.readdirSync(ASSETS).find((f) => /^index-.*\.js$/.test(f));
    expect(name).toBeDefined();
    const raw = fs.readFileSync(path.join(ASSETS, name!));
    for (const [accept, decode] of [
      ['br', zlib.brotliDecompressSync],
      ['gzip', zlib.gunzipSync],
    ] as const) {
      const { headers, body } = await rawGet(`${server.url}/assets/${name}`, {
        'accept-encoding': accept,
      });
      expect(headers['content-encoding']).toBe(accept);
      expect(headers['content-type']).toMatch(/javascript/);
      expect(body.length).toBeLessThan(raw.length / 2);
      expect(decode(body).equals(raw)).toBe(true);
    }
  });

  it('answers client routes with index.html and refuses paths that leave the client folder', async () => {
    const page = await fetch(`${server.url}/m/someMeetingId01`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<div id="app">/);
    // One instance: its meeting socket may start on long-polling (scale-out.test.ts: not there).
    expect(html).not.toContain('bantron-socket-transports');
    const shell = await fetch(`${server.url}/index.html`);
    expect(await shell.text()).toMatch(/<div id="app">/);
    const escape = await fetch(`${server.url}/assets/..%2f..%2fpackage.json`);
    expect(escape.status).toBeGreaterThanOrEqual(400);
    expect(await escape.text()).not.toMatch(/"name": "ban-tron"/);
  });

  it('preloads the join preview on a join link, with the code as the page will ask for it', async () => {
    const page = await fetch(`${server.url}/join/qdh-36n`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/<div id="app">/);
    expect(html).toContain('<link rel="preload" as="fetch" crossorigin href="/api/join/QDH36N">');
    // A malformed code gets the plain page: nothing is preloaded, nothing is echoed.
    const bad = await (await fetch(`${server.url}/join/%3Cscript%3E`)).text();
    expect(bad).toMatch(/<div id="app">/);
    expect(bad).not.toContain('/api/join/');
    expect(bad).not.toContain('<script>');
  });

  it('puts the shared chunks of the join and meeting pages in index.html, and no facilitator or record screen', async () => {
    const html = await (await fetch(`${server.url}/m/someMeetingId01`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(scripts.some((s) => s?.startsWith('realtime-'))).toBe(true);
    expect(scripts.some((s) => s?.startsWith('common-'))).toBe(true);
    // The facilitator's, projector's and record's screens stay out of the first page.
    expect(
      scripts.filter((s) => /^(RecordView|PresentView|ParticipantsPanel|HomeView)-/.test(s ?? '')),
    ).toEqual([]);
  });

  it('keeps zod and the message compiler off the first page: no chunk index.html names has them', async () => {
    const html = await (await fetch(`${server.url}/join/qdh-36n`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    const read = (file: string): string => fs.readFileSync(file, 'utf8');
    // zod names its error class in its code; the lazy chunk that has it proves the probe.
    const zod = /ZodError/;
    const all = fs.readdirSync(ASSETS).filter((f) => f.endsWith('.js'));
    expect(all.some((f) => zod.test(read(path.join(ASSETS, f))))).toBe(true);
    // The compiler's code generator writes this head of every message function; the messages
    // the build compiled were minified, so they do not have it.
    const compiler = '(ctx) => {';
    const compilerSource = path.resolve(
      import.meta.dirname,
      '../../node_modules/@intlify/message-compiler/dist/message-compiler.mjs',
    );
    expect(read(compilerSource)).toContain(compiler);
    const offending = scripts.filter((s) => {
      const code = read(path.join(ASSETS, s));
      return zod.test(code) || code.includes(compiler);
    });
    expect(offending).toEqual([]);
  });

  it('keeps all of Vue and the on-demand dialogs off the first page', async () => {
    const html = await (await fetch(`${server.url}/join/qdh-36n`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(2);
    const read = (file: string): string => fs.readFileSync(file, 'utf8');
    const firstPage = scripts.map((s) => read(path.join(ASSETS, s)));
    const lazy = fs
      .readdirSync(ASSETS)
      .filter((f) => f.endsWith('.js') && !scripts.includes(f))
      .map((f) => read(path.join(ASSETS, f)));
    const modules = path.resolve(import.meta.dirname, '../../node_modules');
    // Vue's whole namespace (vue-i18n reads it by a computed key unless the build rewrites
    // that, vite.config.ts): TransitionGroup, which the app never uses, names itself.
    const vueWhole = 'TransitionGroup';
    expect(read(path.join(modules, '@vue/runtime-dom/dist/runtime-dom.esm-bundler.js'))).toContain(
      vueWhole,
    );
    expect(firstPage.filter((c) => c.includes(vueWhole))).toEqual([]);
    // The dialogs and panels loaded when someone opens them (lib/lazy.ts), by a data-testid
    // of each: search, profile, shortcut sheet, first-run guide.
    const testids = ['search-panel', 'profile-dialog', 'shortcut-sheet', 'first-run-sample'];
    const marker = (id: string): RegExp => new RegExp(`[\`'"]${id}[\`'"]`);
    for (const id of testids) {
      expect(
        lazy.some((c) => marker(id).test(c)),
        id,
      ).toBe(true);
      expect(firstPage.filter((c) => marker(id).test(c)).length, id).toBe(0);
    }
  });

  it('uses no message of the sections kept off the first page in its chunks (they would show as keys)', async () => {
    const html = await (await fetch(`${server.url}/join/qdh-36n`)).text();
    const scripts = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => m[1]!);
    const keys = (sections: readonly string[], code: string): string[] =>
      [...code.matchAll(new RegExp(`[\`'"]((?:${sections.join('|')})\\.[A-Za-z.]+)`, 'g'))]
        .map((m) => m[1]!)
        .filter((k) => !FIRST_PAGE_KEYS.includes(k));
    const code = scripts.map((s) => fs.readFileSync(path.join(ASSETS, s), 'utf8'));
    // The probe finds the keys of a section the first page does use.
    expect(code.some((c) => keys(['facilitation'], c).length > 0)).toBe(true);
    expect(code.flatMap((c) => keys(LATER_SECTIONS, c))).toEqual([]);
  });
});
