/**
 * The public HTTP API and the meeting channel (Socket.io) against a real server process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEPARTMENTS } from '@shared/domain';
import { ApiError, MeetingView } from '@shared/schemas/http';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { startServer, TEST_STORAGE, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait-for';
import { connectDoc } from '../support/yjs-client';

let server: ServerProcess;
let api: ApiClient;

beforeAll(async () => {
  server = await startServer();
  api = new ApiClient(server.url);
});
afterAll(async () => {
  await server.kill();
});

async function errorOf(res: Response): Promise<ApiError['error']> {
  return ApiError.parse(await res.json()).error;
}

describe('HTTP API', () => {
  it('GET /healthz answers 200 when storage is reachable', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, storage: TEST_STORAGE });
  });

  it('creates a meeting with one board per department plus the district board', async () => {
    const created = await api.createMeeting({
      title: 'Hội nghị bàn tròn 2026',
      district: 'Huyện Mẫu',
      planYear: 2026,
      date: '2026-09-13',
    });
    expect(created.joinCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    const view = await api.meeting(created.id, created.facilitatorToken);
    expect(view.departments).toEqual(DEFAULT_DEPARTMENTS);
    expect(view.boards).toHaveLength(DEFAULT_DEPARTMENTS.length + 1);
    expect(view.boards[0]).toMatchObject({ kind: 'swot', department: null, locked: false });
    expect(view.boards.slice(1).map((b) => b.department)).toEqual(DEFAULT_DEPARTMENTS);
    expect(view.me.role).toBe('facilitator');
    expect(view.joinCode).toBe(created.joinCode);
    expect(view).toMatchObject({
      title: 'Hội nghị bàn tròn 2026',
      district: 'Huyện Mẫu',
      planYear: 2026,
      date: '2026-09-13',
    });
  });

  it('answers 400 naming the field for a bad body', async () => {
    const res = await api.request('POST', '/api/meetings', { title: '', planYear: 'next' });
    expect(res.status).toBe(400);
    const error = await errorOf(res);
    expect(error.code).toBe('validation_failed');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['planYear', 'title']);

    const notJson = await fetch(`${server.url}/api/join`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).code).toBe('validation_failed');
  });

  it('joins with a code typed loosely, and refuses unknown codes and departments', async () => {
    const created = await api.createMeeting({ title: 'Họp', departments: ['Phòng Y tế'] });
    const loose = created.joinCode.toLowerCase().replace(/(...)/, '$1 ');
    const joined = await api.join({ joinCode: loose, name: 'Chị Hoa', department: 'Phòng Y tế' });
    expect(joined.meetingId).toBe(created.id);
    const view = await api.meeting(created.id, joined.token);
    expect(view.me).toEqual({
      participantId: joined.participantId,
      role: 'participant',
      name: 'Chị Hoa',
      department: 'Phòng Y tế',
    });
    expect(view.joinCode).toBeNull();
    // The join's answer carries the same view, so the meeting page need not fetch it first.
    expect(joined.meeting).toEqual(view);

    const wrongDept = await api.request('POST', '/api/join', {
      joinCode: created.joinCode,
      name: 'X',
      department: 'Phòng Ma',
    });
    expect(wrongDept.status).toBe(400);
    expect((await errorOf(wrongDept)).fields).toHaveProperty('department');

    const unknown = await api.request('POST', '/api/join', {
      joinCode: 'AAAAAA',
      name: 'X',
      department: 'Phòng Y tế',
    });
    expect(unknown.status).toBe(404);
    expect((await errorOf(unknown)).code).toBe('join_code_invalid');

    const preview = await api.request('GET', `/api/join/${created.joinCode}`);
    expect(await preview.json()).toEqual({
      meetingId: created.id,
      title: 'Họp',
      district: '',
      departments: ['Phòng Y tế'],
    });
  });

  it('requires a valid token of the same meeting', async () => {
    const a = await api.createMeeting({ title: 'A' });
    const b = await api.createMeeting({ title: 'B' });
    expect((await api.request('GET', `/api/meetings/${a.id}`)).status).toBe(401);
    expect(
      (await api.request('GET', `/api/meetings/${a.id}`, undefined, 'forged.token')).status,
    ).toBe(401);
    expect(
      (await api.request('GET', `/api/meetings/${a.id}`, undefined, b.facilitatorToken)).status,
    ).toBe(403);
    const observer = MeetingView.parse(
      await (await api.request('GET', `/api/meetings/${a.id}`, undefined, a.observerToken)).json(),
    );
    expect(observer.me.role).toBe('observer');
  });

  it('lets only the facilitator add and rename boards', async () => {
    const { created, participants } = await meetingWithParticipants(api, 1);
    const asParticipant = await api.request(
      'POST',
      `/api/meetings/${created.id}/boards`,
      { kind: 'swot', title: 'Mới' },
      participants[0]!.token,
    );
    expect(asParticipant.status).toBe(403);
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'swot',
      title: 'Lồng ghép kế hoạch xã',
      department: 'Phòng Y tế',
    });
    expect(board).toMatchObject({
      kind: 'swot',
      title: 'Lồng ghép kế hoạch xã',
      department: 'Phòng Y tế',
      locked: false,
    });
    const renamed = await api.request(
      'PATCH',
      `/api/meetings/${created.id}/boards/${board.id}`,
      { title: 'Kế hoạch xã' },
      created.facilitatorToken,
    );
    expect(renamed.status).toBe(200);
    const view = await api.meeting(created.id, participants[0]!.token);
    expect(view.boards.at(-1)).toMatchObject({ id: board.id, title: 'Kế hoạch xã' });
    const badKind = await api.request(
      'POST',
      `/api/meetings/${created.id}/boards`,
      { kind: 'nope', title: 'x' },
      created.facilitatorToken,
    );
    expect(badKind.status).toBe(400);
    expect((await errorOf(badKind)).fields).toHaveProperty('kind');
  });
});

describe('meeting channel (Socket.io)', () => {
  const sockets: TestSocketClient[] = [];
  const connect = (token: string | undefined) => {
    const s = connectSocket(server.url, token);
    sockets.push(s);
    return s;
  };
  afterAll(() => sockets.forEach((s) => s.close()));

  it('refuses a handshake without a valid token', async () => {
    const none = connect(undefined);
    const forged = connect('eyJ2IjoxfQ.bad');
    const errors = await Promise.all(
      [none, forged].map(
        (c) => new Promise<Error>((resolve) => c.socket.once('connect_error', resolve)),
      ),
    );
    for (const e of errors) expect(e.message).toBe('unauthorized');
    expect(none.state).toBeNull();
  });

  it('sends the meeting state on connect and presence of everyone, grouped by person', async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 3);
    const clients = participants.map((p) => connect(p.token));
    const facilitator = connect(created.facilitatorToken);
    await waitFor(() => {
      for (const c of [...clients, facilitator]) {
        expect(c.state?.boards.map((b) => b.id)).toEqual(view.boards.map((b) => b.id));
        expect(c.state?.presence).toHaveLength(4);
      }
    });
    // A second tab of the same person does not add a second entry.
    const secondTab = connect(participants[0]!.token);
    await waitFor(() => expect(secondTab.state?.presence).toHaveLength(4));

    // Presence tells which card someone edits.
    const boardId = view.boards[1]!.id;
    clients[1]!.socket.emit('presence:set', { boardId, editingCardId: 'card12345678' });
    await waitFor(() => {
      const entry = clients[0]!.state?.presence.find(
        (p) => p.participantId === participants[1]!.participantId,
      );
      expect(entry).toMatchObject({ boardId, editingCardId: 'card12345678', name: 'Đại biểu 2' });
    });

    // A board added over HTTP reaches every open screen.
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'swot',
      title: 'Bảng mới',
    });
    await waitFor(() => {
      for (const c of clients) expect(c.state?.boards.at(-1)?.id).toBe(board.id);
    });

    // Someone leaving disappears from everyone's presence.
    clients[2]!.close();
    await waitFor(() => expect(clients[0]!.state?.presence).toHaveLength(3));
  });

  it('answers an invalid payload with a validation error and ignores unknown events', async () => {
    const { participants } = await meetingWithParticipants(api, 1);
    const c = connect(participants[0]!.token);
    await waitFor(() => expect(c.state).not.toBeNull());
    const ack = await c.socket
      .timeout(5000)
      .emitWithAck('presence:set', { boardId: 42, editingCardId: null } as never);
    expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    await waitFor(() => expect(c.errors.map((e) => e.code)).toContain('validation_failed'));
    (c.socket as unknown as { emit: (e: string, p: unknown) => void }).emit('no:such:event', {
      x: 1,
    });
    const okAck = await c.socket
      .timeout(5000)
      .emitWithAck('presence:set', { boardId: null, editingCardId: null });
    expect(okAck).toEqual({ ok: true });
  });
});

describe('Yjs endpoint access', () => {
  it("closes with 4401 without a valid token and 4403 for another meeting's board", async () => {
    const a = await meetingWithParticipants(api, 1);
    const b = await meetingWithParticipants(api, 0);
    const noToken = connectDoc(server.wsUrl, a.view.boards[0]!.id, '');
    const otherMeeting = connectDoc(server.wsUrl, a.view.boards[0]!.id, b.created.facilitatorToken);
    const missingBoard = connectDoc(server.wsUrl, 'nosuchboard0001', a.participants[0]!.token);
    try {
      await waitFor(() => {
        expect(noToken.closes[0]?.code).toBe(4401);
        expect(otherMeeting.closes[0]?.code).toBe(4403);
        expect(missingBoard.closes[0]?.code).toBe(4404);
      });
      // 44xx closes are final: the client does not retry.
      expect(noToken.provider.shouldConnect).toBe(false);
    } finally {
      for (const c of [noToken, otherMeeting, missingBoard]) c.destroy();
    }
  });
});
