/**
 * What docs/api.md and docs/security.md promise about the HTTP side and the configuration,
 * checked on real server processes: security headers and the CSP, the body size limit (413),
 * the board limit (409), /healthz when storage is gone (503), the same-origin policy and
 * ALLOWED_ORIGINS on all three channels, TOKEN_TTL_HOURS, TRUST_PROXY and PUBLIC_URL.
 * Each refusal has a positive control beside it, so a test cannot pass by refusing everything.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { Limits } from '@shared/constants';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { decodeQrSvg } from '../support/qr-svg';
import { openRawYjs } from '../support/raw-yjs';
import { onSqlite, startServer, type ServerProcess } from '../support/server-process';
import { databaseFile } from '../support/stored-board';
import { waitFor } from '../support/wait-for';

const PROXY_ORIGIN = 'http://hoitruong.example:8080';
const PUBLIC_URL = 'http://192.168.1.10:3000';
const TTL_HOURS = 3;

let plain: ServerProcess;
let configured: ServerProcess;
beforeAll(async () => {
  [plain, configured] = await Promise.all([
    startServer(),
    startServer({
      env: {
        ALLOWED_ORIGINS: PROXY_ORIGIN,
        PUBLIC_URL,
        TOKEN_TTL_HOURS: String(TTL_HOURS),
        CARD_TEXT_MAX: '300',
        CARDS_PER_BOARD_MAX: '25',
      },
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([plain?.kill(), configured?.kill()]);
});

/** The payload of a token (its first part), which is not secret, only signed. */
function tokenPayload(token: string): { exp: number; r: string } {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
    exp: number;
    r: string;
  };
}

describe('HTTP hardening', () => {
  it('sends the documented CSP and security headers, on pages and on the API', async () => {
    const { created } = await meetingWithParticipants(new ApiClient(plain.url), 0);
    for (const path of ['/', `/m/${created.id}`, '/api/meetings/nosuchmeeting', '/healthz']) {
      const res = await fetch(plain.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name!, values] as const;
        }),
      );
      expect(directives.get('default-src'), path).toEqual(["'self'"]);
      expect(directives.get('script-src'), path).toEqual(["'self'"]);
      expect(directives.get('object-src'), path).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors'), path).toEqual(["'none'"]);
      // No third-party origin anywhere, no inline script, and no https upgrade (plain-http halls).
      expect(csp, path).not.toMatch(/https?:\/\/|unsafe-inline|unsafe-eval/);
      expect(directives.has('upgrade-insecure-requests'), path).toBe(false);
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
      expect(res.headers.get('x-powered-by'), path).toBeNull();
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('refuses a body over 64 KiB with 413 payload_too_large; a smaller bad body is a 400', async () => {
    const api = new ApiClient(plain.url);
    const big = await api.request('POST', '/api/meetings', {
      title: 'x'.repeat(Limits.httpBodyMaxBytes + 1),
    });
    expect(big.status).toBe(413);
    const body = (await big.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('payload_too_large');
    expect(JSON.stringify(body)).not.toMatch(/\bat \S+:\d+/); // no stack trace
    const small = await api.request('POST', '/api/meetings', {
      title: 'x'.repeat(Limits.httpBodyMaxBytes - 1000),
    });
    expect(small.status).toBe(400);
    expect(((await small.json()) as { error: { code: string } }).error.code).toBe(
      'validation_failed',
    );
  });

  it('a meeting has at most 200 boards: the next one is 409 too_many_boards', async () => {
    const api = new ApiClient(plain.url);
    const created = await api.createMeeting({ title: 'Nhiều bảng', departments: ['Phòng Y tế'] });
    const start = (await api.meeting(created.id, created.facilitatorToken)).boards.length;
    for (let i = start; i < 200; i++) {
      await api.createBoard(created.id, created.facilitatorToken, {
        kind: 'swot',
        title: `Bảng ${i}`,
      });
    }
    expect((await api.meeting(created.id, created.facilitatorToken)).boards).toHaveLength(200);
    const over = await api.request(
      'POST',
      `/api/meetings/${created.id}/boards`,
      { kind: 'swot', title: 'Bảng thừa' },
      created.facilitatorToken,
    );
    expect(over.status).toBe(409);
    expect(((await over.json()) as { error: { code: string } }).error.code).toBe('too_many_boards');
    expect((await api.meeting(created.id, created.facilitatorToken)).boards).toHaveLength(200);
  });

  // Moving the database file away is how this takes SQLite down; the PostgreSQL run of the
  // suite has no file to move, so it skips this test.
  it.skipIf(!onSqlite)(
    '/healthz answers 503 while the database file is gone, and 200 again once it is back',
    async () => {
      const own = await startServer();
      try {
        const health = async () => {
          const res = await fetch(`${own.url}/healthz`);
          return { status: res.status, body: (await res.json()) as unknown };
        };
        expect(await health()).toEqual({ status: 200, body: { ok: true, storage: 'sqlite' } });
        const file = databaseFile(own.dataDir);
        fs.renameSync(file, `${file}.away`);
        expect(await health()).toEqual({
          status: 503,
          body: { ok: false, storage: 'sqlite', storageDown: true },
        });
        fs.renameSync(`${file}.away`, file);
        expect(await health()).toEqual({ status: 200, body: { ok: true, storage: 'sqlite' } });
      } finally {
        await own.kill();
      }
    },
  );
});

/** Whether a Socket.io handshake sent with `origin` is accepted. */
function socketAccepted(server: ServerProcess, token: string, origin: string): Promise<boolean> {
  const socket = io(server.url, {
    auth: { token },
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { origin },
  });
  return new Promise<boolean>((resolve) => {
    socket.once('connect', () => resolve(true));
    socket.once('connect_error', () => resolve(false));
  }).finally(() => socket.close());
}

/** Whether a Yjs connection sent with `origin` is let through to the board (sync step 1 arrives). */
async function yjsAccepted(
  server: ServerProcess,
  boardId: string,
  token: string,
  origin: string,
): Promise<boolean> {
  const raw = await openRawYjs(server.wsUrl, boardId, token, { origin });
  try {
    const outcome = await Promise.race([
      raw.closed.then((code) => ({ code })),
      waitFor(() => expect(raw.received.length).toBeGreaterThan(0), { timeout: 15_000 }).then(
        () => ({ code: 0 }),
      ),
    ]);
    if (outcome.code !== 0) expect(outcome.code, 'close code of a refused origin').toBe(4403);
    return outcome.code === 0;
  } finally {
    raw.ws.close();
  }
}

describe('same origin by default; ALLOWED_ORIGINS adds origins', () => {
  it('on HTTP, Socket.io and the Yjs WebSocket alike', async () => {
    for (const [server, extra] of [
      [plain, null],
      [configured, PROXY_ORIGIN],
    ] as const) {
      const api = new ApiClient(server.url);
      const { created, view } = await meetingWithParticipants(api, 0);
      const token = created.facilitatorToken;
      const boardId = view.boards[0]!.id;
      const cases: { origin: string; allowed: boolean }[] = [
        { origin: server.url, allowed: true },
        { origin: 'http://evil.example', allowed: false },
        { origin: `http://127.0.0.1:${server.port + 1}`, allowed: false },
        { origin: PROXY_ORIGIN, allowed: extra === PROXY_ORIGIN },
      ];
      for (const { origin, allowed } of cases) {
        const label = `${origin} on ${extra ? 'the configured' : 'the plain'} server`;
        const res = await fetch(`${server.url}/api/meetings/${created.id}`, {
          headers: { authorization: `Bearer ${token}`, origin },
        });
        expect(res.status, `HTTP, ${label}`).toBe(allowed ? 200 : 403);
        if (!allowed)
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden');
        expect(await socketAccepted(server, token, origin), `Socket.io, ${label}`).toBe(allowed);
        expect(await yjsAccepted(server, boardId, token, origin), `Yjs, ${label}`).toBe(allowed);
      }
    }
  });
});

describe('configuration', () => {
  it('the meeting answer carries the board limits in force, for the editor', async () => {
    for (const [server, limits] of [
      [plain, { cardTextMax: Limits.cardTextMax, cardsPerBoardMax: Limits.cardsPerBoardMax }],
      [configured, { cardTextMax: 300, cardsPerBoardMax: 25 }],
    ] as const) {
      const api = new ApiClient(server.url);
      const { created, participants } = await meetingWithParticipants(api, 1);
      for (const token of [
        created.facilitatorToken,
        created.observerToken,
        participants[0]!.token,
      ]) {
        expect((await api.meeting(created.id, token)).limits).toEqual(limits);
      }
    }
  });

  it('TOKEN_TTL_HOURS sets how long every token lives (a week by default)', async () => {
    for (const [server, hours] of [
      [plain, 168],
      [configured, TTL_HOURS],
    ] as const) {
      const api = new ApiClient(server.url);
      const before = Math.floor(Date.now() / 1000);
      const { created, participants } = await meetingWithParticipants(api, 1);
      const after = Math.ceil(Date.now() / 1000);
      for (const token of [
        created.facilitatorToken,
        created.observerToken,
        participants[0]!.token,
      ]) {
        const { exp } = tokenPayload(token);
        expect(exp).toBeGreaterThanOrEqual(before + hours * 3600);
        expect(exp).toBeLessThanOrEqual(after + hours * 3600);
      }
    }
  });

  it('PUBLIC_URL is the address in the join QR code; without it, the address the request came to', async () => {
    for (const [server, base] of [
      [plain, plain.url],
      [configured, PUBLIC_URL],
    ] as const) {
      const created = await new ApiClient(server.url).createMeeting({ title: 'Mã QR' });
      const svg = await (await fetch(`${server.url}/api/join/${created.joinCode}/qr.svg`)).text();
      expect(decodeQrSvg(svg)).toBe(`${base}/join/${created.joinCode}`);
    }
  });

  it('TRUST_PROXY decides whether X-Forwarded-For names the client for the join limit', async () => {
    const env = { JOIN_ATTEMPTS_PER_MINUTE: '3' };
    const [direct, proxied] = await Promise.all([
      startServer({ env }),
      startServer({ env: { ...env, TRUST_PROXY: '1' } }),
    ]);
    try {
      const attempt = async (server: ServerProcess, from: string): Promise<number> =>
        (await fetch(`${server.url}/api/join/AAAAAA`, { headers: { 'x-forwarded-for': from } }))
          .status;
      // Behind a trusted proxy, each forwarded address has its own budget.
      const proxiedA: number[] = [];
      for (let i = 0; i < 4; i++) proxiedA.push(await attempt(proxied, '10.0.0.1'));
      expect(proxiedA).toEqual([404, 404, 404, 429]);
      expect(await attempt(proxied, '10.0.0.2')).toBe(404);
      // Facing clients directly, the header is ignored: changing it does not buy attempts.
      const directStatuses: number[] = [];
      for (let i = 0; i < 4; i++) directStatuses.push(await attempt(direct, `10.0.1.${i}`));
      expect(directStatuses).toEqual([404, 404, 404, 429]);
    } finally {
      await Promise.all([direct.kill(), proxied.kill()]);
    }
  });
});
