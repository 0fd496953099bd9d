/**
 * Scale-out (issue 13): several server processes share PostgreSQL and Redis, with clients
 * spread over them, under the faults pub/sub and processes have: an instance SIGKILLed in the
 * middle of editing, and Redis dropping an instance's subscriber connection. Every test makes
 * its own database and Redis key prefix and removes them. Needs DATABASE_URL and REDIS_URL
 * (`.ci/run` sets them); skipped, saying so, without them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem } from '@shared/doc/priority-list';
import { addCard, boardView } from '@shared/doc/swot-board';
import { draftRoomName } from '@shared/facilitation/drafts';
import type { MeetingState } from '@shared/schemas/socket';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { startBalancer, type Balancer } from '../support/balancer';
import { BoardEditor, compareWithLogs } from '../support/board-editor';
import { createRng, seedFromEnv } from '../support/prng';
import {
  REDIS_URL,
  createTestDatabase,
  createTestRedis,
  queryDatabase,
  scaleOutUnavailable,
  type TestDatabase,
  type TestRedis,
} from '../support/scale-out';
import { parseLogLines } from '../support/server-logs';
import { startServer, type ServerProcess } from '../support/server-process';
import { io } from 'socket.io-client';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { duplicatedRanges, type StoredRow } from '../support/stored-board';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

const SEED = seedFromEnv(1301);
const TOKEN_SECRET = 'scale-out-test-secret-0123456789abcdef';
const skip = scaleOutUnavailable({ postgres: true, redis: true });

process.setMaxListeners(100);

let db: TestDatabase | null = null;
let redis: TestRedis | null = null;
let servers: ServerProcess[] = [];
let balancer: Balancer | null = null;
const docs: TestDocClient[] = [];
const sockets: TestSocketClient[] = [];

afterEach(async () => {
  for (const c of docs.splice(0)) c.destroy();
  for (const s of sockets.splice(0)) s.close();
  await balancer?.close();
  balancer = null;
  await Promise.all(servers.map((s) => s.kill()));
  servers = [];
  await db?.drop();
  db = null;
  await redis?.cleanup();
  redis = null;
});

/** Starts `n` instances at once (they race to migrate the fresh database) on one Redis. */
async function startCluster(
  n: number,
  extra: Record<string, string> = {},
): Promise<ServerProcess[]> {
  db = await createTestDatabase();
  redis = await createTestRedis();
  const { url } = db;
  const { prefix } = redis;
  servers = await Promise.all(
    Array.from({ length: n }, (_, i) =>
      startServer({
        env: {
          DATABASE_URL: url,
          REDIS_URL,
          REDIS_PREFIX: prefix,
          TOKEN_SECRET,
          INSTANCE_ID: `i${i + 1}`,
          CATCH_UP_EVERY_MS: '1000',
          ...extra,
        },
      }),
    ),
  );
  return servers;
}

function open(wsUrl: string, boardId: string, token: string): TestDocClient {
  const c = connectDoc(wsUrl, boardId, token);
  docs.push(c);
  return c;
}

/** Paces the simulated typing; never used to wait for a result. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Every stored row of a board, read from PostgreSQL. */
async function storedRows(boardId: string): Promise<StoredRow[]> {
  const rows = await queryDatabase<{ seq: number; participant_id: string | null; data: Buffer }>(
    db!.url,
    'SELECT seq::int AS seq, participant_id, data FROM doc_updates WHERE board_id = $1 ORDER BY seq',
    [boardId],
  );
  return rows.map((r) => ({
    seq: r.seq,
    participantId: r.participant_id,
    data: new Uint8Array(r.data),
  }));
}

interface Person {
  doc: TestDocClient;
  editor: BoardEditor;
}

async function people(
  urls: (i: number) => string,
  count: number,
): Promise<{
  boardId: string;
  all: Person[];
  api: ApiClient;
  tokens: string[];
  facilitator: string;
  meetingId: string;
}> {
  const api = new ApiClient(servers[0]!.url);
  const { created, view, participants } = await meetingWithParticipants(api, count);
  const boardId = view.boards[0]!.id;
  const all = participants.map((p, i) => {
    const doc = open(urls(i), boardId, p.token);
    const author = {
      id: p.participantId,
      name: `Đại biểu ${i + 1}`,
      department: view.departments[i % 3]!,
    };
    const editor = new BoardEditor(`p${i}`, doc.doc, boardId, author, createRng(SEED * 100 + i), {
      maxCards: 5,
      moveOthers: 0.3,
    });
    return { doc, editor };
  });
  await Promise.all(all.map((p) => p.doc.waitSynced()));
  return {
    boardId,
    all,
    api,
    tokens: participants.map((p) => p.token),
    facilitator: created.facilitatorToken,
    meetingId: created.id,
  };
}

/** Each person makes `steps` edits at a human pace; resolves when all are done. */
async function edit(
  all: readonly Person[],
  steps: number,
  onStep?: (done: number) => void,
): Promise<void> {
  let done = 0;
  await Promise.all(
    all.map(async (p, i) => {
      const rng = createRng(SEED * 7 + i);
      for (let s = 0; s < steps; s++) {
        p.editor.step();
        onStep?.(++done);
        await pause(rng.range(20, 80));
      }
    }),
  );
}

/** All clients saved, synced and identical; returns one of the documents. */
async function converged(all: readonly Person[]): Promise<Y.Doc> {
  await Promise.all(all.map((p) => p.doc.waitSaved(30_000)));
  await waitFor(
    () => {
      const first = Y.encodeStateAsUpdate(all[0]!.doc.doc);
      for (const p of all) expect(Y.encodeStateAsUpdate(p.doc.doc)).toEqual(first);
    },
    { timeout: 30_000 },
  );
  return all[0]!.doc.doc;
}

function serverErrors(s: ServerProcess): unknown[] {
  return parseLogLines(s.logs()).filter((l) => l.level === 'error' || l.level === 'raw');
}

describe.skipIf(skip !== null)('scale-out on PostgreSQL and Redis', () => {
  it('three instances, clients spread over them: all converge byte-identically, presence is shared', async () => {
    const cluster = await startCluster(3);
    const { all, boardId, tokens } = await people((i) => cluster[i % 3]!.wsUrl, 9);
    const presence = [0, 1, 2].map((i) => {
      const s = connectSocket(cluster[i]!.url, tokens[i]!);
      sockets.push(s);
      return s;
    });
    await edit(all, 30);
    const doc = await converged(all);
    expect(
      compareWithLogs(
        doc,
        all.map((p) => p.editor.log),
      ),
      `seed ${SEED}`,
    ).toEqual([]);
    const logged = all.reduce((n, p) => n + p.editor.log.created.length, 0);
    expect(Object.values(boardView(doc)).flat()).toHaveLength(logged);

    // What storage holds is the same board, each edit stored once.
    const rows = await storedRows(boardId);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, Y.mergeUpdates(rows.map((r) => r.data)));
    expect(boardView(stored)).toEqual(boardView(doc));
    expect(duplicatedRanges(rows)).toEqual([]);

    // Awareness (who is typing where) crosses instances too.
    all[0]!.doc.provider.awareness.setLocalStateField('user', { name: 'Đại biểu 1' });
    await waitFor(() => {
      for (const p of all.slice(1, 3)) {
        const seen = p.doc.provider.awareness.getStates().get(all[0]!.doc.doc.clientID);
        expect(seen).toMatchObject({ user: { name: 'Đại biểu 1' } });
      }
    });

    // Each instance's sockets see the people connected to the others.
    await waitFor(() => {
      for (const s of presence) expect(s.state?.presence).toHaveLength(presence.length);
    });
    for (const s of cluster) expect(serverErrors(s)).toEqual([]);
  });

  it('an instance SIGKILLed mid-editing: its clients reconnect through the balancer to the others, nothing is lost', async () => {
    const cluster = await startCluster(3);
    balancer = await startBalancer(cluster.map((s) => s.port));
    const { all, boardId } = await people(() => balancer!.wsUrl, 9);
    expect([...balancer.forwarded.values()].every((n) => n >= 3)).toBe(true);
    const victim = cluster[1]!;
    let killed = false;
    await edit(all, 40, (done) => {
      if (done === 120 && !killed) {
        killed = true;
        void victim.kill('SIGKILL');
      }
    });
    expect(killed).toBe(true);
    // Some clients lost their connection and came back on a surviving instance.
    const moved = all.filter((p) => p.doc.closes.length > 0);
    expect(moved.length).toBeGreaterThanOrEqual(1);
    const doc = await converged(all);
    expect(
      compareWithLogs(
        doc,
        all.map((p) => p.editor.log),
      ),
      `seed ${SEED}`,
    ).toEqual([]);

    // A fresh client on a survivor reads everything from storage.
    const fresh = open(cluster[2]!.wsUrl, boardId, (await storedTokens(all))!);
    await fresh.waitSynced();
    expect(boardView(fresh.doc)).toEqual(boardView(doc));
    for (const s of [cluster[0]!, cluster[2]!]) expect(serverErrors(s)).toEqual([]);
  });

  it("Redis drops an instance's subscriber connection (CLIENT KILL) during editing: still converges, nothing stored twice", async () => {
    const cluster = await startCluster(3);
    const { all, boardId } = await people((i) => cluster[i % 3]!.wsUrl, 6);
    const admin = redis!.client;
    const subscriberName = `${redis!.prefix}i2:sub`;
    const kills: number[] = [];
    const killSubscriber = async (): Promise<void> => {
      // The previous kill's reconnect may still be under way: wait for the connection.
      const id = await waitFor(async () => {
        const list = (await admin.call('CLIENT', 'LIST')) as string;
        const line = list.split('\n').find((l) => l.includes(` name=${subscriberName} `));
        const found = line ? /\bid=(\d+)/.exec(line)?.[1] : undefined;
        if (!found) throw new Error(`${subscriberName} is not connected`);
        return found;
      });
      kills.push(Number(await admin.call('CLIENT', 'KILL', 'ID', id)));
    };
    const reconnects = (): number =>
      parseLogLines(cluster[1]!.logs()).filter(
        (l) => l.msg === 'redis subscriber reconnected; catching up from storage',
      ).length;
    let pending: Promise<void> = Promise.resolve();
    await edit(all, 40, (done) => {
      if (done === 60 || done === 150) pending = pending.then(killSubscriber);
    });
    await pending;
    expect(kills).toEqual([1, 1]);
    await waitFor(() => expect(reconnects()).toBeGreaterThanOrEqual(2), { timeout: 20_000 });
    const doc = await converged(all);
    expect(
      compareWithLogs(
        doc,
        all.map((p) => p.editor.log),
      ),
      `seed ${SEED}`,
    ).toEqual([]);
    const rows = await storedRows(boardId);
    expect(duplicatedRanges(rows)).toEqual([]);
    for (const s of cluster) expect(serverErrors(s)).toEqual([]);
  });

  it('a board lock and a participant removal made on one instance take effect on the others', async () => {
    const cluster = await startCluster(3);
    const api = new ApiClient(cluster[0]!.url);
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const boardId = view.boards[0]!.id;
    const [writer, removed] = participants;
    const facilitator = connectSocket(cluster[0]!.url, created.facilitatorToken);
    sockets.push(facilitator);
    const onTwo = open(cluster[1]!.wsUrl, boardId, writer!.token);
    const watcher = open(cluster[2]!.wsUrl, boardId, created.facilitatorToken);
    const removedDoc = open(cluster[1]!.wsUrl, boardId, removed!.token);
    const removedSocket = connectSocket(cluster[2]!.url, removed!.token);
    sockets.push(removedSocket);
    await Promise.all([onTwo, watcher, removedDoc].map((c) => c.waitSynced()));
    await waitFor(() => expect(facilitator.state).not.toBeNull());
    await waitFor(() => expect(removedSocket.state).not.toBeNull());

    const author = {
      id: writer!.participantId,
      name: 'Đại biểu 1',
      department: view.departments[0]!,
    };
    const editor = new BoardEditor('w', onTwo.doc, boardId, author, createRng(SEED), {
      maxCards: 3,
      moveOthers: 0,
      weights: { add: 1, type: 0, move: 0 },
    });
    editor.step();
    await onTwo.waitSaved();
    await waitFor(() => expect(Object.values(boardView(watcher.doc)).flat()).toHaveLength(1));

    // Locked on instance 1: instance 2 refuses the participant's next card.
    expect(
      await facilitator.socket.timeout(5000).emitWithAck('board:lock', { boardId, locked: true }),
    ).toEqual({ ok: true });
    await waitFor(
      async () => {
        const rowsBefore = (await storedRows(boardId)).length;
        editor.step();
        // The facilitator writes on instance 3 after it; once that arrives, the refused card would have too.
        const marker = new BoardEditor(
          'f',
          watcher.doc,
          boardId,
          { id: 'facilitator', name: 'Chủ trì', department: view.departments[0]! },
          createRng(SEED + 1),
          {
            maxCards: 50,
            moveOthers: 0,
            weights: { add: 1, type: 0, move: 0 },
          },
        );
        marker.step();
        await watcher.waitSaved();
        const rows = await storedRows(boardId);
        // Only the facilitator's card was stored.
        expect(rows.length - rowsBefore).toBe(1);
      },
      { timeout: 15_000 },
    );
    const participantCards = Object.values(boardView(watcher.doc))
      .flat()
      .filter((c) => c.author.id === writer!.participantId);
    const lockedAt = participantCards.length;
    expect(lockedAt).toBe(1);

    // Removed through instance 1: their board socket on instance 2 and meeting socket on
    // instance 3 are closed.
    const res = await api.request(
      'DELETE',
      `/api/meetings/${created.id}/participants/${removed!.participantId}`,
      undefined,
      created.facilitatorToken,
    );
    expect(res.status).toBe(204);
    await waitFor(() => expect(removedDoc.closes.map((c) => c.code)).toContain(4403));
    await waitFor(() => expect(removedSocket.errors.map((e) => e.code)).toContain('removed'));
    for (const s of cluster) expect(serverErrors(s)).toEqual([]);
  });
  it('a vote opened on one instance, cast from the others, revealed the same everywhere; a timer, the agenda and hands shared', async () => {
    const cluster = await startCluster(3);
    const api = new ApiClient(cluster[0]!.url);
    // Departments cycle through three: participants 1 and 4 are both in Phòng Y tế.
    const { created, view, participants } = await meetingWithParticipants(api, 6);
    const board = await api.createBoard(created.id, created.facilitatorToken, {
      kind: 'priority',
      title: 'Danh sách ưu tiên',
    });
    const editor = open(cluster[0]!.wsUrl, board.id, created.facilitatorToken);
    await editor.waitSynced();
    const [road, school] = ['Đường liên xã', 'Trường mầm non'].map((title) =>
      addItem(editor.doc, {
        author: { id: view.me.participantId!, name: 'Chủ trì' },
        department: 'Phòng Y tế',
        title,
      }),
    ) as [string, string];
    await editor.waitSaved();

    const on = (i: number, token: string): TestSocketClient => {
      const s = connectSocket(cluster[i]!.url, token);
      sockets.push(s);
      return s;
    };
    const fac = on(0, created.facilitatorToken);
    // Voters on instances 2 and 3 only; an observer on each instance watches.
    const voters = participants.map((p, i) => on(1 + (i % 2), p.token));
    const watchers = [0, 1, 2].map((i) => on(i, created.observerToken));
    const everyone = [fac, ...voters, ...watchers];
    const state = (s: TestSocketClient): MeetingState => {
      if (!s.state) throw new Error('no state yet');
      return s.state;
    };
    await waitFor(() => everyone.forEach((s) => state(s)));
    const ask = async (s: TestSocketClient, event: string, payload: unknown) =>
      (await (
        s.socket.timeout(5000) as unknown as {
          emitWithAck(e: string, p: unknown): Promise<unknown>;
        }
      ).emitWithAck(event, payload)) as { ok: boolean; voteId?: string; error?: { code: string } };

    const opened = await ask(fac, 'vote:open', {
      boardId: board.id,
      dotsPerVoter: 4,
      unit: 'department',
    });
    expect(opened).toMatchObject({ ok: true, voteId: expect.any(String) });
    const voteId = opened.voteId!;
    await waitFor(() => {
      for (const s of everyone)
        expect(state(s).votes[0]).toMatchObject({ id: voteId, status: 'open' });
    });

    // Two people of one department on two instances spend 3 of its 4 dots at the same time:
    // the round's row lock lets exactly one ballot in.
    const [y1, y2] = [voters[0]!, voters[3]!];
    const race = await Promise.all([
      ask(y1, 'vote:cast', { voteId, dots: { [road]: 3 } }),
      ask(y2, 'vote:cast', { voteId, dots: { [school]: 3 } }),
    ]);
    expect(race.filter((r) => r.ok)).toHaveLength(1);
    expect(race.filter((r) => !r.ok).map((r) => r.error?.code)).toEqual(['vote_over_budget']);
    const winner = race[0]!.ok ? 0 : 3;
    // The other departments (participants 2, 3, 5, 6) vote from instances 3 and 2.
    for (const i of [1, 2, 4, 5])
      expect(await ask(voters[i]!, 'vote:cast', { voteId, dots: { [school]: 2 } })).toEqual({
        ok: true,
      });
    // Who has voted reaches every instance: the five whose ballots were taken.
    const voted = [winner, 1, 2, 4, 5].map((i) => participants[i]!.participantId).sort();
    await waitFor(() => {
      for (const s of everyone)
        expect(
          state(s)
            .votes[0]!.voters.map((v) => v.participantId)
            .sort(),
        ).toEqual(voted);
    });

    expect(await ask(fac, 'vote:close', { voteId })).toMatchObject({ ok: true });
    const totals = winner === 0 ? { [road]: 3, [school]: 8 } : { [school]: 11 };
    await waitFor(() => {
      for (const s of everyone)
        expect(state(s).votes[0]).toMatchObject({ status: 'revealed', results: { totals } });
    });
    const revealed = everyone.map((s) => JSON.stringify(state(s).votes[0]!.results));
    expect(new Set(revealed).size).toBe(1);
    expect(await ask(fac, 'decision:confirm', { voteId })).toMatchObject({ ok: true });
    await waitFor(() => {
      for (const s of everyone) expect(state(s).decisions).toHaveLength(1);
    });

    // The timer: one stored deadline, the same on every instance.
    expect(await ask(fac, 'timer:start', { seconds: 300 })).toMatchObject({ ok: true });
    const [control] = await queryDatabase<{ timer_ends_at: number }>(
      db!.url,
      'SELECT timer_ends_at::float8 AS timer_ends_at FROM meeting_control WHERE meeting_id = $1',
      [created.id],
    );
    expect(control?.timer_ends_at).toEqual(expect.any(Number));
    await waitFor(() => {
      for (const s of everyone)
        expect(state(s).timer).toMatchObject({ status: 'running', endsAt: control!.timer_ends_at });
    });

    // The agenda and follow-me set on instance 1 and a hand raised on instance 3 reach every
    // instance.
    expect(
      await ask(fac, 'agenda:set', { steps: [{ title: 'Bỏ phiếu ưu tiên', minutes: 15 }] }),
    ).toMatchObject({ ok: true });
    expect(await ask(voters[1]!, 'hand:raise', {})).toMatchObject({ ok: true });
    expect(await ask(fac, 'focus:set', { boardId: board.id, cardId: null })).toMatchObject({
      ok: true,
    });
    expect(await ask(fac, 'follow:set', { on: true })).toMatchObject({ ok: true });
    await waitFor(() => {
      for (const s of everyone) {
        expect(state(s).agenda.steps.map((x) => x.title)).toEqual(['Bỏ phiếu ưu tiên']);
        expect(state(s).follow).toEqual({ on: true, boardId: board.id, cardId: null });
        expect(state(s).hands.map((h) => h.participantId)).toEqual([
          participants[1]!.participantId,
        ]);
      }
    });

    // A record mark heard by all three instances is stored once: the marks of what this test
    // did so far (the vote's reveal, the decision, agenda steps) are counted before the lock,
    // and the lock must add exactly one.
    const reasonsNow = async () =>
      (
        await queryDatabase<{ reason: string }>(
          db!.url,
          'SELECT reason FROM record_marks WHERE meeting_id = $1',
          [created.id],
        )
      ).map((m) => m.reason);
    const before = await reasonsNow();
    expect(before.filter((r) => r === 'lock')).toEqual([]);
    expect(await ask(fac, 'board:lock', { boardId: view.boards[0]!.id, locked: true })).toEqual({
      ok: true,
    });
    await waitFor(() => {
      for (const s of everyone)
        expect(state(s).boards.find((b) => b.id === view.boards[0]!.id)?.locked).toBe(true);
    });
    // The lock's mark is written after the lock is visible: wait for it, then count.
    await waitFor(async () => expect((await reasonsNow()).length).toBeGreaterThan(before.length));
    const after = await reasonsNow();
    expect(after.filter((r) => r === 'lock')).toEqual(['lock']);
    expect(after.length).toBe(before.length + 1);
    // Nothing before the lock was stored twice either: one mark per reason caused once.
    expect(new Set(before).size).toBe(before.length);
    for (const s of cluster) expect(serverErrors(s)).toEqual([]);
  });
  it('private writing across instances: draft counts reach the facilitators on every instance, a reveal lands everywhere', async () => {
    const cluster = await startCluster(3);
    const api = new ApiClient(cluster[0]!.url);
    const { created, view, participants } = await meetingWithParticipants(api, 2);
    const [alice, bob] = participants as [(typeof participants)[0], (typeof participants)[0]];
    const board = view.boards[0]!;
    const on = (i: number, token: string): TestSocketClient => {
      const s = connectSocket(cluster[i]!.url, token);
      sockets.push(s);
      return s;
    };
    // The facilitator has the meeting open on instances 1 and 3; Bob watches from 1.
    const facilitators = [on(0, created.facilitatorToken), on(2, created.facilitatorToken)];
    const bobSocket = on(0, bob.token);
    const bobBoard = open(cluster[0]!.wsUrl, board.id, bob.token);
    await waitFor(() =>
      [...facilitators, bobSocket].forEach((s) => expect(s.state).not.toBeNull()),
    );
    await bobBoard.waitSynced();
    const ask = async (s: TestSocketClient, event: string, payload: unknown) =>
      (await (
        s.socket.timeout(5000) as unknown as {
          emitWithAck(e: string, p: unknown): Promise<unknown>;
        }
      ).emitWithAck(event, payload)) as { ok: boolean; revealed?: number };

    expect(
      await ask(facilitators[0]!, 'board:private', { boardId: board.id, on: true }),
    ).toMatchObject({ ok: true });
    await waitFor(() =>
      expect(bobSocket.state?.boards.find((b) => b.id === board.id)?.private).toBe(true),
    );
    // Alice writes her draft through instance 2.
    const aliceDraft = open(cluster[1]!.wsUrl, draftRoomName(board.id), alice.token);
    await aliceDraft.waitSynced();
    addCard(aliceDraft.doc, {
      quadrant: 'strengths',
      text: 'ý kiến riêng',
      author: { id: alice.participantId, name: 'Đại biểu 1', department: view.departments[0]! },
    });
    await aliceDraft.waitSaved();
    await waitFor(() => {
      for (const f of facilitators)
        expect(f.state?.boards.find((b) => b.id === board.id)?.draftCounts).toEqual({
          [view.departments[0]!]: 1,
        });
    });
    expect(bobSocket.state?.boards.find((b) => b.id === board.id)?.draftCounts).toBeUndefined();

    // Revealed from instance 3: the card reaches Bob's board on instance 1, credited to Alice.
    expect(await ask(facilitators[1]!, 'board:reveal', { boardId: board.id })).toMatchObject({
      ok: true,
      revealed: 1,
    });
    await waitFor(() =>
      expect(boardView(bobBoard.doc).strengths.map((c) => [c.text, c.author.id])).toEqual([
        ['ý kiến riêng', alice.participantId],
      ]),
    );
    await waitFor(() => {
      for (const f of facilitators) {
        const b = f.state?.boards.find((x) => x.id === board.id);
        expect(b?.private).toBe(false);
        expect(b?.draftCounts).toEqual({});
      }
    });
    for (const s of cluster) expect(serverErrors(s)).toEqual([]);
  });

  it('a join answered by one instance carries what another instance just stored, loaded there or not', async () => {
    const [a, b] = await startCluster(2);
    const apiA = new ApiClient(a!.url);
    const { created, view } = await meetingWithParticipants(apiA, 0);
    const health = view.boards.find((x) => x.department === 'Phòng Y tế')!;
    const writer = open(b!.wsUrl, health.id, created.facilitatorToken);
    await writer.waitSynced();
    const card = (text: string) =>
      addCard(writer.doc, {
        quadrant: 'strengths',
        author: { id: 'f', name: 'F', department: '' },
        text,
      });
    const joinOnA = async (name: string): Promise<string[]> => {
      const joined = await apiA.join({
        joinCode: created.joinCode,
        name,
        department: 'Phòng Y tế',
      });
      expect(joined.board?.boardId).toBe(health.id);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, new Uint8Array(Buffer.from(joined.board!.update, 'base64')));
      return boardView(doc).strengths.map((c) => c.text);
    };

    // The board is not loaded on A: A reads storage.
    card('một');
    await writer.waitSaved();
    expect(await joinOnA('Đại biểu 1')).toEqual(['một']);

    // Loaded on A too (someone has it open there): A's room reads the rows B stored before it
    // answers, whether or not their relay has arrived yet.
    const reader = open(a!.wsUrl, health.id, created.facilitatorToken);
    await reader.waitSynced();
    card('hai');
    await writer.waitSaved();
    expect((await joinOnA('Đại biểu 2')).sort()).toEqual(['hai', 'một']);
    for (const s of [a!, b!]) expect(serverErrors(s)).toEqual([]);
  });
});

describe.skipIf(skip !== null)(
  'the meeting socket behind a balancer without sticky sessions',
  () => {
    it('pages tell the browser to use WebSocket alone, and a long-polling client is refused at once', async () => {
      const cluster = await startCluster(2);
      const api = new ApiClient(cluster[0]!.url);
      const { created, participants } = await meetingWithParticipants(api, 1);
      for (const path of ['/', '/index.html', `/m/${created.id}`, `/join/${created.joinCode}`]) {
        const html = await (await fetch(`${cluster[1]!.url}${path}`)).text();
        expect(html, path).toContain('<meta name="bantron-socket-transports" content="websocket">');
      }
      // The join link keeps its preload beside the meta.
      const join = await (await fetch(`${cluster[1]!.url}/join/${created.joinCode}`)).text();
      expect(join).toContain(`href="/api/join/${created.joinCode}"`);

      const token = participants[0]!.token;
      const polling = io(cluster[1]!.url, {
        auth: { token },
        transports: ['polling'],
        reconnection: false,
      });
      try {
        const error = await new Promise<Error>((resolve, reject) => {
          polling.on('connect', () => reject(new Error('a polling client connected')));
          polling.on('connect_error', resolve);
        });
        expect(error.message).toMatch(/xhr poll error|transport/i);
      } finally {
        polling.close();
      }
      const ws = connectSocket(cluster[1]!.url, token);
      try {
        await waitFor(() => expect(ws.state).not.toBeNull());
      } finally {
        ws.close();
      }
    });
  },
);

describe.skipIf(skip !== null)('limits shared by the instances', () => {
  it('join attempts from one address count on every instance together', async () => {
    const cluster = await startCluster(3, { JOIN_ATTEMPTS_PER_MINUTE: '12' });
    // Until its Redis connection is ready an instance counts alone (the stand-in limiter):
    // start once every instance says Redis is up.
    await waitFor(async () => {
      for (const s of cluster) {
        const res = await fetch(`${s.url}/healthz`);
        expect(((await res.json()) as { redis?: string }).redis).toBe('up');
      }
    });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) {
      const res = await new ApiClient(cluster[i % 3]!.url).request('POST', '/api/join', {
        joinCode: 'AAAAAA',
        name: 'Kẻ dò',
        department: 'Phòng Y tế',
      });
      statuses.push(res.status);
    }
    // Alone, each instance would have allowed 12 of its 10 attempts: all 30 would be 404.
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(404));
    expect(statuses.slice(12)).toEqual(Array(18).fill(429));
  });
});

/** A participant token that is still valid (the first person's). */
async function storedTokens(all: readonly Person[]): Promise<string | undefined> {
  return all[0]?.doc.provider.params.token;
}

if (skip) {
  describe('scale-out on PostgreSQL and Redis', () => {
    it.skip(skip, () => {});
  });
}
