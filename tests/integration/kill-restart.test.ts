/**
 * Crash safety (issue 4, "Kill test"): twenty real y-websocket clients edit two boards, the
 * server process is killed with SIGKILL in the middle and restarted on the same data and
 * port, the clients reconnect by themselves (no test code reconnects them) and keep editing.
 * Each client logs what it did; the final documents, read by a fresh client from a server
 * restarted once more, must hold every logged edit exactly once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardView } from '@shared/doc/swot-board';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { BoardEditor, compareWithLogs } from '../support/board-editor';
import { createRng, seedFromEnv } from '../support/prng';
import { parseLogLines } from '../support/server-logs';
import { startServer, type ServerProcess } from '../support/server-process';
import { duplicatedRanges, storedUpdates } from '../support/stored-board';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

const SEED = seedFromEnv(4001);
const CLIENTS = 20;
/** Editing before the kill, and after the restarted server is listening again. */
const EDIT_BEFORE_KILL_MS = 2500;
const EDIT_AFTER_RESTART_MS = 2500;

// Each WebsocketProvider adds (and removes on destroy) a process 'exit' listener; 40 are expected here.
process.setMaxListeners(100);

let server: ServerProcess | null = null;
const clients: TestDocClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.kill();
  server = null;
});

function open(boardId: string, token: string): TestDocClient {
  if (!server) throw new Error('no server');
  const c = connectDoc(server.wsUrl, boardId, token);
  clients.push(c);
  return c;
}

/** Paces the simulated typing; never used to wait for a result. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGKILL in the middle of a meeting', () => {
  it('20 clients on two boards: every logged edit survives the crash, none duplicated', async () => {
    const seed = `seed ${SEED} (rerun with SEED=${SEED})`;
    server = await startServer();
    const { dataDir, port } = server;
    const api = new ApiClient(server.url);
    const { view, participants } = await meetingWithParticipants(api, CLIENTS);
    const boardIds = [view.boards[0]!.id, view.boards[1]!.id];

    const people = participants.map((p, i) => {
      const author = {
        id: p.participantId,
        name: `Đại biểu ${i + 1}`,
        department: view.departments[i % view.departments.length]!,
      };
      const docs = boardIds.map((boardId) => open(boardId, p.token));
      const editors = docs.map(
        (c, b) =>
          new BoardEditor(
            `p${i}b${b}`,
            c.doc,
            boardIds[b]!,
            author,
            createRng(SEED * 100 + i * 2 + b),
            {
              maxCards: 6,
              moveOthers: 0.25,
            },
          ),
      );
      return { docs, editors };
    });
    const allDocs = people.flatMap((p) => p.docs);
    const allEditors = people.flatMap((p) => p.editors);
    await Promise.all(allDocs.map((c) => c.waitSynced()));

    const totalOps = (): number => allEditors.reduce((n, e) => n + e.ops, 0);
    let editing = true;
    const loops = people.map(async (person, i) => {
      const rng = createRng(SEED * 7 + i);
      while (editing) {
        rng.pick(person.editors).step();
        await pause(rng.range(100, 300));
      }
    });

    await pause(EDIT_BEFORE_KILL_MS);
    const opsAtKill = totalOps();
    expect(await server.kill('SIGKILL')).toBeNull();
    // The clients keep typing while the server is down; they notice on their own.
    server = await startServer({ dataDir, port });
    const opsWhileDown = totalOps() - opsAtKill;
    await pause(EDIT_AFTER_RESTART_MS);
    editing = false;
    await Promise.all(loops);

    // Every client saw the crash, came back by itself and got everything confirmed as stored.
    expect(allDocs.filter((c) => c.closes.length === 0)).toHaveLength(0);
    expect(opsAtKill, 'edits before the kill').toBeGreaterThan(50);
    expect(opsWhileDown, 'edits while the server was down').toBeGreaterThan(0);
    expect(totalOps() - opsAtKill - opsWhileDown, 'edits after the restart').toBeGreaterThan(50);
    await waitFor(() => expect(allDocs.filter((c) => !c.provider.synced)).toHaveLength(0), {
      timeout: 20_000,
    });
    await Promise.all(allDocs.map((c) => c.waitSaved(20_000)));
    for (const [b, boardId] of boardIds.entries()) {
      const onBoard = people.map((p) => p.docs[b]!);
      await waitFor(() => {
        const first = Y.encodeStateVector(onBoard[0]!.doc);
        for (const c of onBoard) expect(Y.encodeStateVector(c.doc)).toEqual(first);
      });
      const want = boardView(onBoard[0]!.doc);
      for (const c of onBoard) expect(boardView(c.doc)).toEqual(want);
      expect(
        compareWithLogs(
          onBoard[0]!.doc,
          people.map((p) => p.editors[b]!.log),
        ),
        `live clients of ${boardId}, ${seed}`,
      ).toEqual([]);
    }
    expect(
      parseLogLines(server.logs()).filter((l) => l.level === 'error' || l.level === 'raw'),
    ).toEqual([]);

    // What the server confirmed is durable: crash it again, with no client left to resend.
    for (const c of clients.splice(0)) c.destroy();
    await server.kill('SIGKILL');
    for (const boardId of boardIds) {
      expect(
        duplicatedRanges(storedUpdates(dataDir, boardId)),
        `stored twice on ${boardId}`,
      ).toEqual([]);
    }
    server = await startServer({ dataDir, port });
    for (const [b, boardId] of boardIds.entries()) {
      const fresh = open(boardId, participants[0]!.token);
      await fresh.waitSynced();
      const logs = people.map((p) => p.editors[b]!.log);
      const created = logs.reduce((n, l) => n + l.created.length, 0);
      expect(compareWithLogs(fresh.doc, logs), `fresh client of ${boardId}, ${seed}`).toEqual([]);
      expect(Object.values(boardView(fresh.doc)).flat()).toHaveLength(created);
    }
  });
});
