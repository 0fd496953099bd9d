/**
 * Crash safety (issue 4, "Kill test"): twenty real y-websocket clients edit two boards, the
 * server process is killed with SIGKILL in the middle and restarted on the same data and
 * port, the clients reconnect by themselves (no test code reconnects them) and keep editing.
 * Each client logs what it did; the final documents, read by a fresh client from a server
 * restarted once more, must hold every logged edit exactly once.
 *
 * The phases are counted in edits, not in time (a slow machine makes fewer edits per second,
 * never fewer edits): so many edits before the kill, some while the server is down, so many
 * after every client is back.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardView } from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { BoardEditor, compareWithLogs } from '../support/board-editor';
import { createRng, seedFromEnv } from '../support/prng';
import { parseLogLines } from '../support/server-logs';
import { duplicatedRanges, storedUpdates } from '../support/stored-board';
import { waitFor } from '../support/wait-for';

const SEED = seedFromEnv(4001);
const CLIENTS = 20;
/** Edits made before the kill, while the server is down, and after everyone is back. */
const EDITS_BEFORE_KILL = 150;
const EDITS_WHILE_DOWN = 20;
const EDITS_AFTER_RESTART = 150;
/** Guards against a hang only. */
const PHASE_CAP_MS = 60_000;

// Each WebsocketProvider adds (and removes on destroy) a process 'exit' listener; 40 are expected here.
process.setMaxListeners(100);

const fx = useBoardFixture();

/** Paces the simulated typing; never used to wait for a result. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('SIGKILL in the middle of a meeting', () => {
  it('20 clients on two boards: every logged edit survives the crash, none duplicated', async () => {
    const seed = `seed ${SEED} (rerun with SEED=${SEED})`;
    const { dataDir } = await fx.start();
    const api = fx.api;
    const { view, participants } = await meetingWithParticipants(api, CLIENTS);
    const boardIds = [view.boards[0]!.id, view.boards[1]!.id];

    const people = participants.map((p, i) => {
      const author = {
        id: p.participantId,
        name: `Đại biểu ${i + 1}`,
        department: view.departments[i % view.departments.length]!,
      };
      const docs = boardIds.map((boardId) => fx.open(boardId, p.token));
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

    const untilOps = (n: number, what: string): Promise<void> =>
      waitFor(() => expect(totalOps(), what).toBeGreaterThanOrEqual(n), {
        timeout: PHASE_CAP_MS,
      });
    await untilOps(EDITS_BEFORE_KILL, 'edits before the kill');
    const opsAtKill = totalOps();
    expect(await fx.stop('SIGKILL')).toBeNull();
    // The clients keep typing while the server is down; they notice on their own.
    await untilOps(opsAtKill + EDITS_WHILE_DOWN, 'edits while the server is down');
    await fx.restart();
    const opsAtRestart = totalOps();
    const opsWhileDown = opsAtRestart - opsAtKill;
    // Everyone is back (reconnected and synced by themselves), then edits some more.
    await waitFor(() => expect(allDocs.filter((c) => !c.provider.synced)).toHaveLength(0), {
      timeout: PHASE_CAP_MS,
    });
    const opsAtBack = totalOps();
    await untilOps(opsAtBack + EDITS_AFTER_RESTART, 'edits after the restart');
    editing = false;
    await Promise.all(loops);

    // Every client saw the crash, came back by itself and got everything confirmed as stored.
    expect(allDocs.filter((c) => c.closes.length === 0)).toHaveLength(0);
    expect(opsWhileDown, 'edits while the server was down').toBeGreaterThanOrEqual(
      EDITS_WHILE_DOWN,
    );
    await waitFor(() => expect(allDocs.filter((c) => !c.provider.synced)).toHaveLength(0), {
      timeout: PHASE_CAP_MS,
    });
    await Promise.all(allDocs.map((c) => c.waitSaved(PHASE_CAP_MS)));
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
      parseLogLines(fx.server.logs()).filter((l) => l.level === 'error' || l.level === 'raw'),
    ).toEqual([]);

    // What the server confirmed is durable: crash it again, with no client left to resend.
    fx.closeClients();
    await fx.stop('SIGKILL');
    for (const boardId of boardIds) {
      expect(
        duplicatedRanges(storedUpdates(dataDir, boardId)),
        `stored twice on ${boardId}`,
      ).toEqual([]);
    }
    await fx.restart();
    for (const [b, boardId] of boardIds.entries()) {
      const fresh = fx.open(boardId, participants[0]!.token);
      await fresh.waitSynced();
      const logs = people.map((p) => p.editors[b]!.log);
      const created = logs.reduce((n, l) => n + l.created.length, 0);
      expect(compareWithLogs(fresh.doc, logs), `fresh client of ${boardId}, ${seed}`).toEqual([]);
      expect(Object.values(boardView(fresh.doc)).flat()).toHaveLength(created);
    }
  });
});
