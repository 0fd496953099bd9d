/**
 * The facilitator's controls over real sockets (issue 9): every event of the table refused
 * for the wrong role; agenda and timer surviving a SIGTERM restart; a private draft reaching
 * no other connection on either channel until reveal, and reveal authored by the server.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { boardView } from '@shared/doc/swot-board';
import { addCard } from '@shared/doc/swot-board';
import { draftDocId, draftRoomName } from '@shared/facilitation/drafts';
import type { ClientEventName } from '@shared/schemas/socket';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { openRawYjs } from '../support/raw-yjs';
import { makeDataDir, startServer, type ServerProcess } from '../support/server-process';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

type AckResult = { ok: true; [k: string]: unknown } | { ok: false; error: { code: string } };

/** Sends `event` and resolves with the server's acknowledgement. */
function ask(
  client: TestSocketClient,
  event: ClientEventName,
  payload: unknown,
): Promise<AckResult> {
  const socket = client.socket as unknown as {
    timeout(ms: number): { emitWithAck(e: string, p: unknown): Promise<AckResult> };
  };
  return socket.timeout(5000).emitWithAck(event, payload);
}

const cleanup: (() => void)[] = [];
function sock(server: ServerProcess, token: string): TestSocketClient {
  const s = connectSocket(server.url, token);
  cleanup.push(() => s.close());
  return s;
}
function doc(
  server: ServerProcess,
  room: string,
  token: string,
  onFrame?: (d: Uint8Array) => void,
): TestDocClient {
  const c = connectDoc(server.wsUrl, room, token, { onFrame });
  cleanup.push(() => c.destroy());
  return c;
}
const ready = (c: TestSocketClient) =>
  waitFor(() => {
    if (!c.state) throw new Error('no snapshot yet');
    return c.state;
  });

describe('roles', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of cleanup.splice(0)) c();
    await server.kill();
  });

  it('refuses every facilitator event to participants and observers, and hands to non-participants', async () => {
    const api = new ApiClient(server.url);
    const { created, view, participants } = await meetingWithParticipants(api, 1);
    const facilitator = sock(server, created.facilitatorToken);
    const participant = sock(server, participants[0]!.token);
    const observer = sock(server, created.observerToken);
    const state = await ready(facilitator);
    await ready(participant);
    await ready(observer);
    const boardId = view.boards[0]!.id;
    const stepId = state.agenda.steps[1]!.id;

    const facilitatorEvents: [ClientEventName, unknown][] = [
      ['agenda:set', { steps: [{ title: 'Một bước', minutes: 5 }] }],
      ['agenda:goto', { stepId }],
      ['timer:start', { seconds: 60 }],
      ['timer:pause', {}],
      ['timer:resume', {}],
      ['timer:reset', {}],
      ['timer:add', { seconds: 60 }],
      ['follow:set', { on: true }],
      ['focus:set', { boardId, cardId: null }],
      ['board:private', { boardId, on: true }],
      ['board:reveal', { boardId }],
      ['hand:clear', { participantId: participants[0]!.participantId }],
    ];
    for (const [event, payload] of facilitatorEvents) {
      for (const [who, client] of [
        ['participant', participant],
        ['observer', observer],
      ] as const) {
        const answer = await ask(client, event, payload);
        expect(answer, `${event} by ${who}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
    }
    for (const event of ['hand:raise', 'hand:lower'] as const) {
      for (const [who, client] of [
        ['facilitator', facilitator],
        ['observer', observer],
      ] as const) {
        const answer = await ask(client, event, {});
        expect(answer, `${event} by ${who}`).toMatchObject({
          ok: false,
          error: { code: 'forbidden' },
        });
      }
    }
    // Nothing the refused events asked for happened …
    const after = (await ready(facilitator)).agenda;
    expect(after.steps).toHaveLength(7);
    expect(after.currentStepId).toBeNull();
    expect(facilitator.state?.timer.status).toBe('idle');
    expect(facilitator.state?.boards.find((b) => b.id === boardId)?.private).toBe(false);

    // … and the right roles are served (so the refusals above are about roles, not payloads).
    const payloads = new Map(facilitatorEvents);
    for (const event of [
      'agenda:goto',
      'timer:start',
      'timer:pause',
      'timer:resume',
      'timer:add',
      'timer:reset',
      'follow:set',
      'focus:set',
      'board:private',
      'board:reveal',
      'agenda:set',
    ] as const)
      expect(await ask(facilitator, event, payloads.get(event)), event).toMatchObject({ ok: true });
    expect(await ask(participant, 'hand:raise', {})).toMatchObject({ ok: true });
    await waitFor(() =>
      expect(facilitator.state?.hands.map((h) => h.participantId)).toEqual([
        participants[0]!.participantId,
      ]),
    );
    expect(await ask(participant, 'hand:lower', {})).toMatchObject({ ok: true });
    await waitFor(() => expect(facilitator.state?.hands).toEqual([]));
  });

  it('tells the projector (and facilitators), not participants, to refetch when the join code rotates', async () => {
    const api = new ApiClient(server.url);
    const { created, participants } = await meetingWithParticipants(api, 1);
    const observer = sock(server, created.observerToken);
    const participant = sock(server, participants[0]!.token);
    await Promise.all([ready(observer), ready(participant)]);
    const told = { observer: 0, participant: 0 };
    observer.socket.on('me:changed', () => told.observer++);
    participant.socket.on('me:changed', () => told.participant++);
    const res = await api.request(
      'POST',
      `/api/meetings/${created.id}/join-code`,
      undefined,
      created.facilitatorToken,
    );
    const { joinCode } = (await res.json()) as { joinCode: string };
    await waitFor(() => expect(told.observer).toBe(1));
    expect((await api.meeting(created.id, created.observerToken)).joinCode).toBe(joinCode);
    // A participant's round trip after the rotation: had they been told, it would be in by now.
    expect(await ask(participant, 'hand:raise', {})).toMatchObject({ ok: true });
    expect(told.participant).toBe(0);
  });

  it('answers bad payloads and impossible timer moves with stable codes', async () => {
    const api = new ApiClient(server.url);
    const { created } = await meetingWithParticipants(api, 0);
    const facilitator = sock(server, created.facilitatorToken);
    await ready(facilitator);
    expect(await ask(facilitator, 'timer:start', { seconds: -5 })).toMatchObject({
      ok: false,
      error: { code: 'validation_failed' },
    });
    expect(await ask(facilitator, 'timer:pause', {})).toMatchObject({
      ok: false,
      error: { code: 'timer_not_running' },
    });
    expect(await ask(facilitator, 'timer:add', { seconds: 60 })).toMatchObject({
      ok: false,
      error: { code: 'timer_idle' },
    });
    expect(await ask(facilitator, 'agenda:goto', { stepId: 'nosuchstep1' })).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(
      await ask(facilitator, 'focus:set', { boardId: 'nosuchboard', cardId: null }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('restart', () => {
  let server: ServerProcess | null = null;
  afterEach(async () => {
    for (const c of cleanup.splice(0)) c();
    await server?.kill();
    server = null;
  });

  it('keeps the agenda, its recorded times, the timer deadline and a private draft through a SIGTERM restart', async () => {
    const dataDir = makeDataDir();
    server = await startServer({ dataDir });
    const api = new ApiClient(server.url);
    const { created, view, participants } = await meetingWithParticipants(api, 1);
    const boardId = view.boards[0]!.id;
    const draft = doc(server, draftRoomName(boardId), participants[0]!.token);
    await draft.waitSynced();
    addCard(draft.doc, {
      quadrant: 'threats',
      text: 'Sạt lở đất (bản nháp)',
      author: { id: participants[0]!.participantId, name: 'A', department: 'B' },
    });
    await draft.waitSaved();
    draft.destroy();
    const facilitator = sock(server, created.facilitatorToken);
    const steps = (await ready(facilitator)).agenda.steps;
    expect(await ask(facilitator, 'agenda:goto', { stepId: steps[0]!.id })).toMatchObject({
      ok: true,
    });
    expect(await ask(facilitator, 'agenda:goto', { stepId: steps[3]!.id })).toMatchObject({
      ok: true,
    });
    expect(await ask(facilitator, 'timer:start', { seconds: 600 })).toMatchObject({ ok: true });
    const before = await waitFor(() => {
      const s = facilitator.state!;
      if (s.timer.status !== 'running' || s.agenda.currentStepId !== steps[3]!.id)
        throw new Error('not yet');
      return s;
    });
    expect(before.agenda.steps[0]!.endedAt).not.toBeNull();
    expect(before.follow.boardId).toBe(steps[3]!.boardId);

    expect(await server.kill('SIGTERM')).toBe(0);
    server = await startServer({ dataDir });
    const again = sock(server, created.facilitatorToken);
    const after = await ready(again);
    expect(after.agenda).toEqual(before.agenda);
    expect(after.timer).toEqual(before.timer);
    expect(after.follow).toEqual(before.follow);
    const draftAgain = doc(server, draftRoomName(boardId), participants[0]!.token);
    await draftAgain.waitSynced();
    expect(boardView(draftAgain.doc).threats.map((c) => c.text)).toEqual(['Sạt lở đất (bản nháp)']);

    // Pause after the restart: what is left comes from the stored deadline.
    expect(await ask(again, 'timer:pause', {})).toMatchObject({ ok: true });
    const paused = await waitFor(() => {
      if (again.state?.timer.status !== 'paused') throw new Error('not paused yet');
      return again.state.timer;
    });
    expect(paused.remainingMs).toBeGreaterThan(0);
    expect(paused.remainingMs).toBeLessThanOrEqual(
      before.timer.endsAt! - before.timer.endsAt! + 600_000,
    );
  });
});

describe('private drafts', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    for (const c of cleanup.splice(0)) c();
    await server.kill();
  });

  it('reach no other connection on either channel until reveal, which credits the owner', async () => {
    const api = new ApiClient(server.url);
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const [alice, bob] = participants as [(typeof participants)[0], (typeof participants)[0]];
    const board = view.boards[0]!;
    const secret = `BIMAT-${Math.random().toString(36).slice(2, 10)}`;
    const aliceDepartment = view.departments[0]!;

    // Everything every other connection receives, on both channels.
    const seen: { who: string; text: string }[] = [];
    const record = (who: string) => (data: Uint8Array) =>
      seen.push({ who, text: Buffer.from(data).toString('latin1') });
    const watchSocket = (who: string, c: TestSocketClient) =>
      c.socket.onAny((event: string, ...args: unknown[]) =>
        seen.push({ who, text: `${event} ${JSON.stringify(args)}` }),
      );

    const facilitator = sock(server, created.facilitatorToken);
    const bobSocket = sock(server, bob.token);
    const observer = sock(server, created.observerToken);
    watchSocket('facilitator socket', facilitator);
    watchSocket('bob socket', bobSocket);
    watchSocket('observer socket', observer);
    await Promise.all([ready(facilitator), ready(bobSocket), ready(observer)]);
    const others = [
      doc(server, board.id, bob.token, record('bob board')),
      doc(server, draftRoomName(board.id), bob.token, record('bob draft')),
      doc(server, board.id, created.observerToken, record('observer board')),
      doc(server, board.id, created.facilitatorToken, record('facilitator board')),
      doc(server, draftRoomName(board.id), created.facilitatorToken, record('facilitator draft')),
    ];
    await Promise.all(others.map((c) => c.waitSynced()));
    expect(await ask(facilitator, 'board:private', { boardId: board.id, on: true })).toMatchObject({
      ok: true,
    });
    await waitFor(() =>
      expect(bobSocket.state?.boards.find((b) => b.id === board.id)?.private).toBe(true),
    );

    const aliceDraft = doc(server, draftRoomName(board.id), alice.token);
    await aliceDraft.waitSynced();
    // The draft claims to be someone else's card: the server must not believe it.
    addCard(aliceDraft.doc, {
      quadrant: 'strengths',
      text: secret,
      author: { id: bob.participantId, name: 'Giả mạo', department: 'Giả mạo' },
    });
    await aliceDraft.waitSaved();

    // The facilitator sees a count, by department, and nothing else.
    await waitFor(() =>
      expect(facilitator.state?.boards.find((b) => b.id === board.id)?.draftCounts).toEqual({
        [aliceDepartment]: 1,
      }),
    );
    expect(bobSocket.state?.boards.find((b) => b.id === board.id)?.draftCounts).toBeUndefined();
    expect(observer.state?.boards.find((b) => b.id === board.id)?.draftCounts).toBeUndefined();

    // Nobody else can open Alice's draft by naming it.
    const direct = await openRawYjs(
      server.wsUrl,
      draftDocId(board.id, alice.participantId),
      bob.token,
    );
    expect(await direct.closed).toBe(4404);
    const observerDraft = await openRawYjs(
      server.wsUrl,
      draftRoomName(board.id),
      created.observerToken,
    );
    expect(await observerDraft.closed).toBe(4403);

    // A reload of the draft (a new connection) gets it back from the server.
    const reloaded = doc(server, draftRoomName(board.id), alice.token);
    await reloaded.waitSynced();
    expect(boardView(reloaded.doc).strengths.map((c) => c.text)).toEqual([secret]);

    expect(seen.filter((s) => s.text.includes(secret)).map((s) => s.who)).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);

    const answer = await ask(facilitator, 'board:reveal', { boardId: board.id });
    expect(answer).toMatchObject({ ok: true, revealed: 1 });
    const bobBoard = others[0]!;
    await waitFor(() =>
      expect(boardView(bobBoard.doc).strengths.map((c) => c.text)).toEqual([secret]),
    );
    const card = boardView(bobBoard.doc).strengths[0]!;
    expect(card.author).toEqual({
      id: alice.participantId,
      name: 'Đại biểu 1',
      department: aliceDepartment,
    });
    // The drafts are empty, private mode is over, the counts are gone.
    await waitFor(() => expect(boardView(aliceDraft.doc).strengths).toEqual([]));
    await waitFor(() => {
      const b = facilitator.state?.boards.find((x) => x.id === board.id);
      expect(b?.private).toBe(false);
      expect(b?.draftCounts).toEqual({});
    });
    // Revealing again adds nothing twice.
    expect(await ask(facilitator, 'board:reveal', { boardId: board.id })).toMatchObject({
      ok: true,
      revealed: 0,
    });
    await bobBoard.waitSynced();
    expect(boardView(bobBoard.doc).strengths).toHaveLength(1);
    // Each reveal is a mark of the record (a snapshot for the history view), on this board.
    await waitFor(async () => {
      const res = await fetch(`${server.url}/api/meetings/${created.id}/record`, {
        headers: { authorization: `Bearer ${created.observerToken}` },
      });
      const { marks } = (await res.json()) as {
        marks: { reason: string; boardId: string | null; label: string }[];
      };
      expect(marks.filter((m) => m.reason === 'reveal')).toEqual([
        expect.objectContaining({ boardId: board.id, label: board.title }),
        expect.objectContaining({ boardId: board.id, label: board.title }),
      ]);
    });
  });
});
