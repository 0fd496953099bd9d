/**
 * The attack suite of the access model (docs/security.md): a real server process attacked
 * over raw sockets (`ws`, socket.io-client, fetch), never through the app's own client code.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView, editCardText } from '@shared/doc/swot-board';
import { draftRoomName } from '@shared/facilitation/drafts';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { syncUpdateMessage } from '@shared/protocol/messages';
import { decodeQrSvg } from '../support/qr-svg';
import { cardUpdate, openRawYjs } from '../support/raw-yjs';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

const SECRET = 'attack-suite-secret-0123456789abcdef';
const ENV = { TOKEN_SECRET: SECRET, CARD_TEXT_MAX: '40', CARDS_PER_BOARD_MAX: '5' };
let server: ServerProcess;
let api: ApiClient;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  server = await startServer({ env: ENV });
  api = new ApiClient(server.url);
});
afterAll(async () => {
  for (const c of cleanup.splice(0)) c();
  await server.kill();
});

function doc(boardId: string, token: string): TestDocClient {
  const c = connectDoc(server.wsUrl, boardId, token);
  cleanup.push(() => c.destroy());
  return c;
}
function sock(token: string | undefined): TestSocketClient {
  const s = connectSocket(server.url, token);
  cleanup.push(() => s.close());
  return s;
}

/** A token signed the way the server signs, with the known secret: for expired tokens. */
function signToken(payload: Record<string, unknown>): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${crypto.createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

function handshakeError(token: string | undefined): Promise<string> {
  const s = sock(token);
  return new Promise((resolve) => {
    s.socket.once('connect_error', (e) => resolve(e.message));
    s.socket.once('connect', () => resolve('connected'));
  });
}

describe('tokens on all three channels', () => {
  it('refuses missing, forged, expired and wrong-meeting tokens', async () => {
    const a = await meetingWithParticipants(api, 1);
    const b = await meetingWithParticipants(api, 0);
    const boardA = a.view.boards[0]!.id;
    const genuine = a.participants[0]!.token;
    const [body] = genuine.split('.');
    const forged = `${body}.${Buffer.from('not the signature').toString('base64url')}`;
    const tampered = `${Buffer.from(JSON.stringify({ v: 1, m: a.created.id, p: null, r: 'facilitator', exp: 9999999999 })).toString('base64url')}.${genuine.split('.')[1]}`;
    const expired = signToken({
      v: 1,
      m: a.created.id,
      p: a.participants[0]!.participantId,
      r: 'participant',
      exp: Math.floor(Date.now() / 1000) - 60,
    });
    // Positive control: the same signing with a future expiry is accepted by the server, so
    // the expired token is refused for its expiry, not because the test signs differently.
    const fresh = signToken({
      v: 1,
      m: a.created.id,
      p: a.participants[0]!.participantId,
      r: 'participant',
      exp: Math.floor(Date.now() / 1000) + 3600,
    });
    expect(
      (await api.request('GET', `/api/meetings/${a.created.id}`, undefined, fresh)).status,
    ).toBe(200);

    for (const bad of [undefined, '', forged, tampered, expired, 'garbage']) {
      const res = await api.request('GET', `/api/meetings/${a.created.id}`, undefined, bad);
      expect(res.status).toBe(401);
      expect(await handshakeError(bad)).toBe('unauthorized');
      const raw = await openRawYjs(server.wsUrl, boardA, bad ?? '');
      expect(await raw.closed).toBe(4401);
      expect(raw.received).toEqual([]);
    }
    // A valid token of meeting B opens nothing of meeting A.
    const wrongMeeting = b.created.facilitatorToken;
    expect(
      (await api.request('GET', `/api/meetings/${a.created.id}`, undefined, wrongMeeting)).status,
    ).toBe(403);
    expect(
      (
        await api.request(
          'POST',
          `/api/meetings/${a.created.id}/boards`,
          { kind: 'swot', title: 'x' },
          wrongMeeting,
        )
      ).status,
    ).toBe(403);
    const raw = await openRawYjs(server.wsUrl, boardA, wrongMeeting);
    expect(await raw.closed).toBe(4403);
    expect(raw.received).toEqual([]);
    // A socket of meeting B never hears meeting A's events. Positive controls: a socket of
    // meeting A hears the new board, and the spy hears a board of B added afterwards; events
    // on one connection arrive in order, so a leak of A's board would have come before it.
    const spy = sock(wrongMeeting);
    const insider = sock(a.created.facilitatorToken);
    await waitFor(() => expect(spy.state && insider.state).toBeTruthy());
    await api.createBoard(a.created.id, a.created.facilitatorToken, {
      kind: 'swot',
      title: 'bí mật',
    });
    await waitFor(() => expect(insider.state?.boards.map((x) => x.title)).toContain('bí mật'));
    await api.createBoard(b.created.id, b.created.facilitatorToken, {
      kind: 'swot',
      title: 'công khai',
    });
    await waitFor(() => expect(spy.state?.boards.map((x) => x.title)).toContain('công khai'));
    expect(spy.state?.boards.map((x) => x.title)).not.toContain('bí mật');
  });
});

describe('read-only writers', () => {
  it('a participant cannot write to the shared board during private writing, only to their draft', async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 1);
    const boardId = view.boards[1]!.id;
    const facilitator = sock(created.facilitatorToken);
    await waitFor(() => expect(facilitator.state).not.toBeNull());
    const facDoc = doc(boardId, created.facilitatorToken);
    await facDoc.waitSynced();
    expect(
      await facilitator.socket.timeout(5000).emitWithAck('board:private', { boardId, on: true }),
    ).toMatchObject({ ok: true });

    // Straight onto the shared board: dropped, and said so; the connection stays open.
    const shared = await openRawYjs(server.wsUrl, boardId, participants[0]!.token);
    shared.send(syncUpdateMessage(cardUpdate('lọt ra bảng chung')));
    await waitFor(() => expect(shared.syncStatus).toEqual([false]));
    expect(shared.ws.readyState).toBe(shared.ws.OPEN);

    // Into the draft: stored (the facilitator sees one drafted card counted).
    const draft = doc(draftRoomName(boardId), participants[0]!.token);
    await draft.waitSynced();
    addCard(draft.doc, {
      quadrant: 'strengths',
      author: { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' },
      text: 'trong bản nháp',
    });
    await draft.waitSaved();
    await waitFor(() =>
      expect(
        Object.values(facilitator.state?.boards.find((b) => b.id === boardId)?.draftCounts ?? {}),
      ).toEqual([1]),
    );

    // The facilitator still writes to the board meanwhile; afterwards the participant can too.
    addCard(facDoc.doc, {
      quadrant: 'threats',
      author: { id: 'fac', name: 'F', department: '' },
      text: 'của người điều phối',
    });
    await facDoc.waitSaved();
    expect(
      await facilitator.socket.timeout(5000).emitWithAck('board:reveal', { boardId }),
    ).toMatchObject({ ok: true, revealed: 1 });
    const after = await openRawYjs(server.wsUrl, boardId, participants[0]!.token);
    after.send(syncUpdateMessage(cardUpdate('sau khi công bố')));
    await waitFor(() =>
      expect(
        boardView(facDoc.doc)
          .threats.map((c) => c.text)
          .sort(),
      ).toEqual(['của người điều phối', 'sau khi công bố']),
    );
    expect(after.syncStatus).toEqual([]);
    // The dropped card never reached the board; the revealed draft did.
    expect(boardView(facDoc.doc).strengths.map((c) => c.text)).toEqual(['trong bản nháp']);
  });

  it('an observer and a participant on a locked board cannot change it, even after a restart', async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const boardId = view.boards[1]!.id;
    const writer = doc(boardId, participants[0]!.token);
    await writer.waitSynced();
    addCard(writer.doc, {
      quadrant: 'strengths',
      author: { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' },
      text: 'trước khi khóa',
    });
    await writer.waitSaved();

    const facilitator = sock(created.facilitatorToken);
    await waitFor(() => expect(facilitator.state).not.toBeNull());
    expect(
      await facilitator.socket.timeout(5000).emitWithAck('board:lock', { boardId, locked: true }),
    ).toEqual({ ok: true });
    await waitFor(async () =>
      expect((await api.meeting(created.id, participants[1]!.token)).boards[1]!.locked).toBe(true),
    );

    const before = await fullState(boardId, participants[1]!.token);

    const observer = await openRawYjs(server.wsUrl, boardId, created.observerToken);
    const lockedOut = await openRawYjs(server.wsUrl, boardId, participants[1]!.token);
    observer.send(syncUpdateMessage(cardUpdate('từ quan sát viên')));
    lockedOut.send(syncUpdateMessage(cardUpdate('trên bảng đã khóa')));
    await waitFor(() => {
      expect(observer.syncStatus).toEqual([false]);
      expect(lockedOut.syncStatus).toEqual([false]);
    });
    // Their connections stay usable for reading.
    expect(observer.ws.readyState).toBe(observer.ws.OPEN);
    expect(lockedOut.ws.readyState).toBe(lockedOut.ws.OPEN);

    // The facilitator still writes to a locked board.
    const facDoc = doc(boardId, created.facilitatorToken);
    await facDoc.waitSynced();
    addCard(facDoc.doc, {
      quadrant: 'threats',
      author: { id: 'fac', name: 'F', department: '' },
      text: 'của người điều phối',
    });
    await facDoc.waitSaved();
    await waitFor(() =>
      expect(boardView(writer.doc).threats.map((c) => c.text)).toEqual(['của người điều phối']),
    );

    // Restart: the stored board holds exactly the legitimate content.
    const { dataDir, port } = server;
    await server.kill('SIGKILL');
    server = await startServer({ dataDir, port, env: ENV });
    const after = new Y.Doc();
    Y.applyUpdate(after, await fullState(boardId, participants[1]!.token));
    const expected = new Y.Doc();
    Y.applyUpdate(expected, before);
    expect(boardView(after).strengths).toEqual(boardView(expected).strengths);
    expect(boardView(after).threats.map((c) => c.text)).toEqual(['của người điều phối']);
    // And nobody ever saw the intruders' cards.
    expect(JSON.stringify(boardView(writer.doc))).not.toMatch(/quan sát viên|đã khóa/);
  });

  /** The board's whole state as a fresh client receives it. */
  async function fullState(boardId: string, token: string): Promise<Uint8Array> {
    const c = connectDoc(server.wsUrl, boardId, token);
    try {
      await c.waitSynced();
      return Y.encodeStateAsUpdate(c.doc);
    } finally {
      c.destroy();
    }
  }
});

describe('facilitator-only actions', () => {
  it('are refused for participants on every channel, naming the reason', async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const p = participants[0]!;
    const s = sock(p.token);
    await waitFor(() => expect(s.state).not.toBeNull());
    const ack = await s.socket
      .timeout(5000)
      .emitWithAck('board:lock', { boardId: view.boards[0]!.id, locked: true });
    expect(ack).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'board:lock: only the facilitator can do this' },
    });
    await waitFor(() =>
      expect(s.errors).toContainEqual({
        code: 'forbidden',
        message: 'board:lock: only the facilitator can do this',
      }),
    );

    const id = created.id;
    const other = participants[1]!.participantId;
    const attempts: [string, string, unknown?][] = [
      ['POST', `/api/meetings/${id}/boards`, { kind: 'swot', title: 'x' }],
      ['PATCH', `/api/meetings/${id}/boards/${view.boards[0]!.id}`, { title: 'x' }],
      ['GET', `/api/meetings/${id}/participants`],
      ['DELETE', `/api/meetings/${id}/participants/${other}`],
      ['PATCH', `/api/meetings/${id}/participants/${p.participantId}`, { role: 'facilitator' }],
      ['POST', `/api/meetings/${id}/join-code`],
    ];
    for (const [method, path, body] of attempts) {
      const res = await api.request(method, path, body, p.token);
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect((await res.json()).error.code).toBe('forbidden');
    }
    // Nothing changed.
    const after = await api.meeting(id, created.facilitatorToken);
    expect(after.boards).toEqual(view.boards);
  });

  it('a co-facilitator can steer; the last facilitator cannot be removed', async () => {
    const { created, participants } = await meetingWithParticipants(api, 1);
    const facilitatorId = (await api.meeting(created.id, created.facilitatorToken)).me
      .participantId!;
    const promote = await api.request(
      'PATCH',
      `/api/meetings/${created.id}/participants/${participants[0]!.participantId}`,
      { role: 'facilitator' },
      created.facilitatorToken,
    );
    expect(promote.status).toBe(200);
    expect((await api.meeting(created.id, participants[0]!.token)).me.role).toBe('facilitator');
    // Hand over: the original facilitator steps down.
    const stepDown = await api.request(
      'PATCH',
      `/api/meetings/${created.id}/participants/${facilitatorId}`,
      { role: 'participant' },
      participants[0]!.token,
    );
    expect(stepDown.status).toBe(200);
    expect((await api.meeting(created.id, created.facilitatorToken)).me.role).toBe('participant');
    const last = await api.request(
      'DELETE',
      `/api/meetings/${created.id}/participants/${participants[0]!.participantId}`,
      undefined,
      participants[0]!.token,
    );
    expect(last.status).toBe(409);
  });
});

describe('removing a participant', () => {
  it('closes their connections on both channels within a second and locks them out', async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const victim = participants[0]!;
    const boardId = view.boards[0]!.id;
    const victimDoc = doc(boardId, victim.token);
    const victimSocket = sock(victim.token);
    const bystander = sock(participants[1]!.token);
    await victimDoc.waitSynced();
    await waitFor(() =>
      expect(bystander.state?.presence.map((p) => p.participantId)).toContain(victim.participantId),
    );

    const list = await (
      await api.request(
        'GET',
        `/api/meetings/${created.id}/participants`,
        undefined,
        created.facilitatorToken,
      )
    ).json();
    expect(list.map((p: { participantId: string }) => p.participantId)).toContain(
      victim.participantId,
    );

    const res = await api.request(
      'DELETE',
      `/api/meetings/${created.id}/participants/${victim.participantId}`,
      undefined,
      created.facilitatorToken,
    );
    expect(res.status).toBe(204);
    // "Within a second" is a promise about a healthy server (the bench times it); the cap here
    // is wide so that a loaded machine does not fail it, and still catches "never".
    await waitFor(
      () => {
        expect(victimDoc.closes.map((c) => c.code)).toContain(4403);
        expect(victimSocket.socket.connected).toBe(false);
      },
      { timeout: 15_000 },
    );
    expect(victimSocket.errors).toContainEqual({
      code: 'removed',
      message: 'you were removed from the meeting',
    });
    await waitFor(() =>
      expect(bystander.state?.presence.map((p) => p.participantId)).not.toContain(
        victim.participantId,
      ),
    );

    // The token no longer works anywhere.
    expect(
      (await api.request('GET', `/api/meetings/${created.id}`, undefined, victim.token)).status,
    ).toBe(401);
    expect(await handshakeError(victim.token)).toBe('unauthorized');
    const raw = await openRawYjs(server.wsUrl, boardId, victim.token);
    expect(await raw.closed).toBe(4401);
  });
});

describe('join codes', () => {
  it('rotating the code stops the old one; the QR code links to the new one', async () => {
    const created = await api.createMeeting({ title: 'Mã mới', departments: ['Phòng Y tế'] });
    const rotated = await (
      await api.request(
        'POST',
        `/api/meetings/${created.id}/join-code`,
        undefined,
        created.facilitatorToken,
      )
    ).json();
    expect(rotated.joinCode).not.toBe(created.joinCode);
    expect(
      (
        await api.request('POST', '/api/join', {
          joinCode: created.joinCode,
          name: 'X',
          department: 'Phòng Y tế',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await api.request('POST', '/api/join', {
          joinCode: rotated.joinCode,
          name: 'X',
          department: 'Phòng Y tế',
        })
      ).status,
    ).toBe(200);
    const qr = await api.request('GET', `/api/join/${rotated.joinCode}/qr.svg`);
    expect(qr.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
    // Read as a phone would: the code holds the new join link of this server's address.
    expect(decodeQrSvg(await qr.text())).toBe(`${server.url}/join/${rotated.joinCode}`);
    // The old code has no QR code any more.
    expect((await api.request('GET', `/api/join/${created.joinCode}/qr.svg`)).status).toBe(404);
  });

  it('100 wrong join codes from one address are throttled', async () => {
    // A server of its own with the default limit (30 attempts a minute per address).
    const own = await startServer({ env: { JOIN_ATTEMPTS_PER_MINUTE: '30' } });
    try {
      const ownApi = new ApiClient(own.url);
      const statuses: number[] = [];
      for (let i = 0; i < 100; i++) {
        const code = ['AAAAAA', 'CCCCCC', 'DDDDDD', 'EEEEEE', 'FFFFFF'][i % 5]!;
        const res = await ownApi.request('POST', '/api/join', {
          joinCode: code,
          name: 'Kẻ dò',
          department: 'Phòng Y tế',
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
          expect((await res.json()).error.code).toBe('rate_limited');
        }
      }
      expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
      expect(statuses.slice(30)).toEqual(Array(70).fill(429));
      // The preview route shares the budget: guessing through it is throttled too.
      expect((await ownApi.request('GET', '/api/join/AAAAAA')).status).toBe(429);
    } finally {
      await own.kill();
    }
  });
});

describe('limits close only the offender', () => {
  it('an oversized message (4413) and a flood (4429) leave another client editing', async () => {
    const { view, participants } = await meetingWithParticipants(api, 3);
    const boardId = view.boards[2]!.id;
    const a = doc(boardId, participants[0]!.token);
    const b = doc(boardId, participants[1]!.token);
    await Promise.all([a.waitSynced(), b.waitSynced()]);

    const big = await openRawYjs(server.wsUrl, boardId, participants[2]!.token);
    big.send(new Uint8Array(1024 * 1024 + 10));
    expect(await big.closed).toBe(4413);

    const flood = await openRawYjs(server.wsUrl, boardId, participants[2]!.token);
    const awareness = new Uint8Array([3]); // "query awareness": cheap, valid, answered
    for (let i = 0; i < 2000 && flood.ws.readyState === flood.ws.OPEN; i++) flood.send(awareness);
    expect(await flood.closed).toBe(4429);

    const author = { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' };
    for (let i = 0; i < 3; i++)
      addCard(a.doc, { quadrant: 'opportunities', author, text: `sau tấn công ${i}` });
    await waitFor(() => expect(boardView(b.doc).opportunities).toHaveLength(3));
    expect(a.closes).toEqual([]);
    expect(b.closes).toEqual([]);
  });

  it('card text and card count limits are enforced by the server for everyone', async () => {
    const { view, participants } = await meetingWithParticipants(api, 1);
    const boardId = view.boards[3]!.id;
    const watcher = doc(boardId, participants[0]!.token);
    await watcher.waitSynced();
    const attacker = await openRawYjs(server.wsUrl, boardId, participants[0]!.token);
    const evil = new Y.Doc();
    const author = { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' };
    const first = addCard(evil, { quadrant: 'strengths', author, text: 'ngắn' });
    editCardText(evil, first, 'x'.repeat(500));
    for (let i = 0; i < 9; i++) addCard(evil, { quadrant: 'strengths', author, text: `${i}` });
    attacker.send(syncUpdateMessage(Y.encodeStateAsUpdate(evil)));
    await waitFor(() => {
      const cards = boardView(watcher.doc).strengths;
      expect(cards).toHaveLength(5);
      expect(Math.max(...cards.map((c) => c.text.length))).toBeLessThanOrEqual(40);
    });
  });
});
