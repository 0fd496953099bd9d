/**
 * Dot voting, scoring and decisions over real sockets against a real server process:
 * refusals, secrecy on the raw frames of both channels, and results that survive a restart.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addItem } from '@shared/doc/priority-list';
import type { MeetingState } from '@shared/schemas/socket';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { connectRawSocketIo, connectRawYjs } from '../support/raw-socketio';
import { startServer, type ServerProcess } from '../support/server-process';
import { storedBallots } from '../support/stored-board';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { waitFor } from '../support/wait-for';
import { connectDoc } from '../support/yjs-client';

let server: ServerProcess | null = null;
const closers: (() => void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await server?.kill();
  server = null;
});

function socket(token: string): TestSocketClient {
  const s = connectSocket(server!.url, token);
  closers.push(() => s.close());
  return s;
}

/** Emits and returns the ack (typed loosely: tests look at every field). */
/** An acknowledgement as the tests read it. */
type AckResult = {
  ok: boolean;
  voteId?: string;
  error?: { code: string; message: string };
  [key: string]: unknown;
};

async function ask(s: TestSocketClient, event: string, payload: unknown): Promise<AckResult> {
  const timed = s.socket.timeout(5000) as unknown as {
    emitWithAck(e: string, p: unknown): Promise<unknown>;
  };
  return (await timed.emitWithAck(event, payload)) as AckResult;
}

/** A meeting with three participants and a priority list of `titles`. */
async function listMeeting(titles: string[]) {
  const api = new ApiClient(server!.url);
  const m = await meetingWithParticipants(api, 3);
  const board = await api.createBoard(m.created.id, m.created.facilitatorToken, {
    kind: 'priority',
    title: 'Danh sách ưu tiên',
  });
  const editor = connectDoc(server!.wsUrl, board.id, m.created.facilitatorToken);
  await editor.waitSynced();
  const itemIds = titles.map((title) =>
    addItem(editor.doc, {
      author: { id: m.view.me.participantId!, name: 'Chủ trì' },
      department: 'Phòng Y tế',
      title,
    }),
  );
  await editor.waitSaved();
  editor.destroy();
  return { ...m, api, boardId: board.id, itemIds };
}

const state = (s: TestSocketClient): MeetingState => {
  if (!s.state) throw new Error('no state yet');
  return s.state;
};

describe('dot voting', () => {
  it('refuses over-voting, over the cap, unknown items, proxies by participants and ballots after the close', async () => {
    server = await startServer();
    const { created, view, participants, boardId, itemIds } = await listMeeting([
      'Đường liên xã',
      'Trạm y tế',
      'Trường mầm non',
    ]);
    const fac = socket(created.facilitatorToken);
    const p1 = socket(participants[0]!.token);
    const p2 = socket(participants[1]!.token);
    const obs = socket(created.observerToken);
    await waitFor(() => [fac, p1, p2, obs].forEach((s) => state(s)));
    const [a, b, c] = itemIds as [string, string, string];

    // Only a facilitator opens; a bad setting is a validation error.
    expect(await ask(p1, 'vote:open', { boardId, dotsPerVoter: 5, unit: 'person' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(
      await ask(fac, 'vote:open', { boardId, dotsPerVoter: 13, unit: 'person' }),
    ).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const opened = await ask(fac, 'vote:open', {
      boardId,
      dotsPerVoter: 5,
      maxPerItem: 3,
      unit: 'person',
    });
    expect(opened).toMatchObject({ ok: true, voteId: expect.any(String) });
    const voteId = (opened as { voteId: string }).voteId;
    expect(await ask(fac, 'vote:open', { boardId, dotsPerVoter: 5, unit: 'person' })).toMatchObject(
      { ok: false, error: { code: 'vote_already_open' } },
    );
    await waitFor(() =>
      expect(state(p1).votes).toEqual([
        {
          id: voteId,
          boardId,
          round: 1,
          status: 'open',
          dotsPerVoter: 5,
          maxPerItem: 3,
          unit: 'person',
          voters: [],
          results: null,
        },
      ]),
    );

    const refusals: [TestSocketClient, unknown, string][] = [
      [p1, { voteId, dots: { [a]: 3, [b]: 3 } }, 'vote_over_budget'],
      [p1, { voteId, dots: { [a]: 4 } }, 'vote_over_cap'],
      [p1, { voteId, dots: { unknownItem00001: 1 } }, 'vote_unknown_item'],
      [
        p1,
        { voteId, dots: { [a]: 1 }, onBehalfOf: participants[1]!.participantId },
        'vote_proxy_forbidden',
      ],
      [obs, { voteId, dots: { [a]: 1 } }, 'forbidden'],
      [p1, { voteId: 'noSuchVote000001', dots: { [a]: 1 } }, 'not_found'],
    ];
    for (const [who, payload, code] of refusals) {
      expect(await ask(who, 'vote:cast', payload), code).toMatchObject({
        ok: false,
        error: { code },
      });
    }
    // Nothing refused was stored.
    expect(await ask(p1, 'vote:mine', { voteId })).toEqual({ ok: true, dots: {} });
    expect(await ask(p2, 'vote:mine', { voteId })).toEqual({ ok: true, dots: {} });

    // Valid ballots; a second cast replaces the first; the facilitator enters a proxy ballot.
    expect(await ask(p1, 'vote:cast', { voteId, dots: { [a]: 1 } })).toEqual({ ok: true });
    expect(await ask(p1, 'vote:cast', { voteId, dots: { [a]: 3, [c]: 2 } })).toEqual({ ok: true });
    expect(
      await ask(fac, 'vote:cast', {
        voteId,
        dots: { [b]: 2 },
        onBehalfOf: participants[2]!.participantId,
      }),
    ).toEqual({ ok: true });
    expect(await ask(p1, 'vote:mine', { voteId })).toEqual({ ok: true, dots: { [a]: 3, [c]: 2 } });
    // The proxy ballot is stored as one: for participant 3, entered by the facilitator.
    expect(storedBallots(server.dataDir, voteId)).toEqual(
      expect.arrayContaining([
        {
          participantId: participants[2]!.participantId,
          castBy: view.me.participantId,
          proxy: true,
        },
        {
          participantId: participants[0]!.participantId,
          castBy: participants[0]!.participantId,
          proxy: false,
        },
      ]),
    );
    await waitFor(() =>
      expect(state(p2).votes[0]!.voters.map((v) => v.name)).toEqual(['Đại biểu 1', 'Đại biểu 3']),
    );

    expect(await ask(p1, 'vote:close', { voteId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await ask(fac, 'vote:close', { voteId })).toEqual({ ok: true });
    expect(await ask(fac, 'vote:close', { voteId })).toMatchObject({
      ok: false,
      error: { code: 'vote_closed' },
    });
    expect(await ask(p2, 'vote:cast', { voteId, dots: { [a]: 1 } })).toMatchObject({
      ok: false,
      error: { code: 'vote_closed' },
    });

    const revealed = {
      totals: { [a]: 3, [b]: 2, [c]: 2 },
      byDepartment: { 'Phòng Y tế': { [a]: 3, [c]: 2 }, 'Phòng Nông nghiệp và PTNT': { [b]: 2 } },
    };
    for (const s of [fac, p1, p2, obs]) {
      await waitFor(() =>
        expect(state(s).votes[0]).toMatchObject({ status: 'revealed', results: revealed }),
      );
    }

    // The decision: ranking stored with the round, ties shared, the list locked.
    expect(await ask(p1, 'decision:confirm', { voteId })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await ask(fac, 'decision:confirm', { voteId })).toMatchObject({
      ok: true,
      decisionId: expect.any(String),
    });
    expect(await ask(fac, 'decision:confirm', { voteId })).toMatchObject({
      ok: false,
      error: { code: 'already_decided' },
    });
    await waitFor(() => {
      expect(state(p2).decisions).toHaveLength(1);
      expect(state(p2).decisions[0]).toMatchObject({
        boardId,
        voteId,
        round: 1,
        method: 'dots',
        tieBreak: 'listOrder',
        ranking: [
          { itemId: a, title: 'Đường liên xã', value: 3, rank: 1, tied: false },
          { itemId: b, title: 'Trạm y tế', value: 2, rank: 2, tied: true },
          { itemId: c, title: 'Trường mầm non', value: 2, rank: 2, tied: true },
        ],
      });
      expect(state(p2).boards.find((x) => x.id === boardId)?.locked).toBe(true);
    });
  });

  it('lets a department share one budget of dots', async () => {
    server = await startServer();
    // Participants 1 and 4 are both in Phòng Y tế (departments cycle through three).
    const api = new ApiClient(server.url);
    const m = await meetingWithParticipants(api, 4);
    const board = await api.createBoard(m.created.id, m.created.facilitatorToken, {
      kind: 'priority',
      title: 'Ưu tiên',
    });
    const editor = connectDoc(server.wsUrl, board.id, m.created.facilitatorToken);
    closers.push(() => editor.destroy());
    await editor.waitSynced();
    const item = addItem(editor.doc, {
      author: { id: 'x', name: 'x' },
      department: 'Phòng Y tế',
      title: 'Một',
    });
    await editor.waitSaved();
    const fac = socket(m.created.facilitatorToken);
    const y1 = socket(m.participants[0]!.token);
    const y2 = socket(m.participants[3]!.token);
    const other = socket(m.participants[1]!.token);
    const opened = (await ask(fac, 'vote:open', {
      boardId: board.id,
      dotsPerVoter: 4,
      unit: 'department',
    })) as { voteId: string };
    expect(await ask(y1, 'vote:cast', { voteId: opened.voteId, dots: { [item]: 3 } })).toEqual({
      ok: true,
    });
    expect(
      await ask(y2, 'vote:cast', { voteId: opened.voteId, dots: { [item]: 2 } }),
    ).toMatchObject({ ok: false, error: { code: 'vote_over_budget' } });
    expect(await ask(y2, 'vote:cast', { voteId: opened.voteId, dots: { [item]: 1 } })).toEqual({
      ok: true,
    });
    expect(await ask(other, 'vote:cast', { voteId: opened.voteId, dots: { [item]: 4 } })).toEqual({
      ok: true,
    });
    // The facilitator has no department: there is no budget to vote from.
    expect(
      await ask(fac, 'vote:cast', { voteId: opened.voteId, dots: { [item]: 1 } }),
    ).toMatchObject({ ok: false, error: { code: 'vote_no_department' } });
  });
});

describe('ballot secrecy', () => {
  it('no raw frame on either channel of another participant (or the facilitator) carries a ballot or a running total', async () => {
    server = await startServer();
    const { created, participants, boardId, itemIds } = await listMeeting(['Một', 'Hai']);
    const fac = socket(created.facilitatorToken);
    const p1 = socket(participants[0]!.token);
    await waitFor(() => state(fac));
    // Participant 2 watches on both channels, the facilitator on the meeting channel, all raw.
    const watchIo = connectRawSocketIo(server.url, participants[1]!.token);
    const watchYjs = connectRawYjs(server.wsUrl, boardId, participants[1]!.token);
    const facIo = connectRawSocketIo(server.url, created.facilitatorToken);
    closers.push(
      () => watchIo.close(),
      () => watchYjs.close(),
      () => facIo.close(),
    );
    await Promise.all([watchIo.waitConnected(), facIo.waitConnected()]);
    await waitFor(() => expect(watchYjs.frames.length).toBeGreaterThan(0));

    const opened = (await ask(fac, 'vote:open', { boardId, dotsPerVoter: 12, unit: 'person' })) as {
      voteId: string;
    };
    const voteId = opened.voteId;
    // A ballot with a number that appears nowhere else: 11 dots on the first item, 1 on the other.
    expect(
      await ask(p1, 'vote:cast', { voteId, dots: { [itemIds[0]!]: 11, [itemIds[1]!]: 1 } }),
    ).toEqual({ ok: true });
    expect(
      await ask(fac, 'vote:cast', {
        voteId,
        dots: { [itemIds[1]!]: 7 },
        onBehalfOf: participants[2]!.participantId,
      }),
    ).toEqual({ ok: true });
    // Participant 2 casts their own ballot too, over their raw socket.
    expect(await watchIo.emit('vote:cast', { voteId, dots: { [itemIds[0]!]: 2 } })).toEqual({
      ok: true,
    });
    // Every voter is listed to the watchers: the frames that say so have arrived.
    for (const w of [watchIo, facIo]) {
      await waitFor(() => {
        const last = w
          .events()
          .filter(([e, v]) => e === 'state:slice' && (v as { slice: string }).slice === 'votes')
          .at(-1);
        expect(
          (last?.[1] as { value: { voters: unknown[] }[] } | undefined)?.value[0]?.voters,
        ).toHaveLength(3);
      });
    }

    const leaks = (frames: string[]): string[] =>
      frames.filter(
        (f) =>
          /"dots"|"totals"|"byDepartment"|"content"|"scores"\s*:\s*\{/.test(f) ||
          f.includes(`"${itemIds[0]}":11`) ||
          f.includes(`"${itemIds[1]}":7`) ||
          /"results":\{/.test(f),
      );
    const yjsText = (): string => watchYjs.frames.map((b) => b.toString('latin1')).join('\n');
    expect(watchIo.frames.length).toBeGreaterThan(3);
    expect(leaks(watchIo.frames)).toEqual([]);
    expect(leaks(facIo.frames)).toEqual([]);
    expect(yjsText()).not.toContain(voteId);
    expect(yjsText()).not.toMatch(/dots|totals|ballot/);
    // What the votes slice said while open: voters by name, nothing else.
    for (const [event, value] of watchIo.events()) {
      if (event !== 'state:slice' || (value as { slice: string }).slice !== 'votes') continue;
      for (const round of (value as { value: Record<string, unknown>[] }).value) {
        expect(Object.keys(round).sort()).toEqual([
          'boardId',
          'dotsPerVoter',
          'id',
          'maxPerItem',
          'results',
          'round',
          'status',
          'unit',
          'voters',
        ]);
        expect(round.results).toBeNull();
        for (const v of round.voters as Record<string, unknown>[])
          expect(Object.keys(v).sort()).toEqual(['name', 'participantId']);
      }
    }

    // The detector is not blind: after the reveal the same frames do carry the totals.
    expect(await ask(fac, 'vote:close', { voteId })).toEqual({ ok: true });
    await waitFor(() => expect(leaks(watchIo.frames).length).toBeGreaterThan(0));
    expect(leaks(watchIo.frames).join('')).toContain(`"${itemIds[0]}":13`);
  });
});

describe('scoring rounds', () => {
  it('score, refuse incomplete sheets, reveal weighted scores with their spread', async () => {
    server = await startServer();
    const { created, participants, boardId, itemIds } = await listMeeting(['Đường', 'Trường']);
    const [road, school] = itemIds as [string, string];
    const fac = socket(created.facilitatorToken);
    const p1 = socket(participants[0]!.token);
    const p2 = socket(participants[1]!.token);
    const criteria = [
      { id: 'impact', name: 'Tác động', weight: 3, direction: 'higher' },
      { id: 'feasible', name: 'Khả thi', weight: 2, direction: 'higher' },
      { id: 'cost', name: 'Chi phí', weight: 1, direction: 'lower' },
    ];
    const opened = (await ask(fac, 'score:open', { boardId, criteria })) as { voteId: string };
    const voteId = opened.voteId;
    expect(
      await ask(p1, 'score:cast', { voteId, scores: { [road]: { impact: 5, feasible: 4 } } }),
    ).toMatchObject({ ok: false, error: { code: 'score_incomplete' } });
    expect(
      await ask(p1, 'score:cast', {
        voteId,
        scores: { [road]: { impact: 6, feasible: 4, cost: 2 } },
      }),
    ).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    expect(
      await ask(p1, 'score:cast', {
        voteId,
        scores: {
          [road]: { impact: 5, feasible: 4, cost: 2 },
          [school]: { impact: 4, feasible: 4, cost: 4 },
        },
      }),
    ).toEqual({ ok: true });
    expect(
      await ask(p2, 'score:cast', {
        voteId,
        scores: { [road]: { impact: 3, feasible: 2, cost: 5 } },
      }),
    ).toEqual({ ok: true });
    expect(await ask(p2, 'score:mine', { voteId })).toEqual({
      ok: true,
      scores: { [road]: { impact: 3, feasible: 2, cost: 5 } },
    });
    await waitFor(() =>
      expect(state(p2).scores[0]).toMatchObject({
        status: 'open',
        results: null,
        voters: [{ name: 'Đại biểu 1' }, { name: 'Đại biểu 2' }],
      }),
    );
    expect(await ask(fac, 'score:close', { voteId })).toEqual({ ok: true });
    // The same numbers as the worked example in shared/ranking/scoring.test.ts.
    await waitFor(() => {
      const results = state(p1).scores[0]!.results!;
      expect(results.items[road]!.score).toBeCloseTo(41 / 12, 9);
      expect(results.items[road]!.stdev).toBeCloseTo(13 / 12, 9);
      expect(results.ranking.map((r) => r.itemId)).toEqual([school, road]);
    });
    expect(await ask(p1, 'score:cast', { voteId, scores: {} })).toMatchObject({
      ok: false,
      error: { code: 'vote_closed' },
    });
  });
});

describe('durability of rounds', () => {
  it('every round, ballot and decision survives a SIGTERM restart', async () => {
    server = await startServer();
    const { created, participants, boardId, itemIds } = await listMeeting(['Một', 'Hai', 'Ba']);
    const [one, two] = itemIds as [string, string];
    let fac = socket(created.facilitatorToken);
    let p1 = socket(participants[0]!.token);
    const round1 = (
      (await ask(fac, 'vote:open', { boardId, dotsPerVoter: 3, unit: 'person' })) as {
        voteId: string;
      }
    ).voteId;
    await ask(p1, 'vote:cast', { voteId: round1, dots: { [one]: 2, [two]: 1 } });
    await ask(fac, 'vote:close', { voteId: round1 });
    const round2 = (
      (await ask(fac, 'score:open', {
        boardId,
        criteria: [{ id: 'c', name: 'Tác động', weight: 1, direction: 'higher' }],
      })) as { voteId: string }
    ).voteId;
    await ask(p1, 'score:cast', { voteId: round2, scores: { [two]: { c: 5 } } });
    await ask(fac, 'score:close', { voteId: round2 });
    expect(await ask(fac, 'decision:confirm', { voteId: round2 })).toMatchObject({ ok: true });
    const round3 = (
      (await ask(fac, 'vote:open', { boardId, dotsPerVoter: 2, unit: 'person' })) as {
        voteId: string;
      }
    ).voteId;
    await ask(p1, 'vote:cast', { voteId: round3, dots: { [one]: 2 } });
    await waitFor(() =>
      expect(state(fac).votes.find((v) => v.id === round3)?.voters).toHaveLength(1),
    );
    const before = state(fac);

    const { dataDir, port } = server;
    expect(await server.kill('SIGTERM')).toBe(0);
    for (const close of closers.splice(0)) close();
    server = await startServer({ dataDir, port });
    fac = socket(created.facilitatorToken);
    p1 = socket(participants[0]!.token);
    await waitFor(() => state(fac));
    const after = state(fac);
    expect(after.votes).toEqual(before.votes);
    expect(after.scores).toEqual(before.scores);
    expect(after.decisions).toEqual(before.decisions);
    expect(after.votes.map((v) => [v.round, v.status])).toEqual([
      [1, 'revealed'],
      [3, 'open'],
    ]);
    expect(after.votes[0]!.results).toEqual({
      totals: { [one]: 2, [two]: 1 },
      byDepartment: { 'Phòng Y tế': { [one]: 2, [two]: 1 } },
    });
    expect(after.scores.map((s) => [s.round, s.status])).toEqual([[2, 'revealed']]);
    expect(after.decisions.map((d) => [d.round, d.method, d.ranking[0]?.itemId])).toEqual([
      [2, 'score', two],
    ]);
    expect(await ask(p1, 'vote:mine', { voteId: round3 })).toEqual({
      ok: true,
      dots: { [one]: 2 },
    });
    // The open round goes on after the restart.
    expect(await ask(fac, 'vote:close', { voteId: round3 })).toEqual({ ok: true });
    await waitFor(() => expect(state(p1).votes.at(-1)?.results?.totals).toEqual({ [one]: 2 }));
  });
});
