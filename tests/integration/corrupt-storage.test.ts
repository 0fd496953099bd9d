/**
 * Damaged storage and long histories (issue 4, "Crash safety"): a stored update that is
 * corrupt or truncated is reported and skipped, never taking the rest of the board with it;
 * a board with a long history loads completely from its snapshot plus the tail of the log,
 * while the whole log stays stored for the record.
 *
 * The server is stopped, rows of `doc_updates` in `DATA_DIR/bantron.sqlite` are damaged with
 * better-sqlite3, and the server is started again on the same data.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { allCards, boardView } from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { BoardEditor, compareWithLogs } from '../support/board-editor';
import { createRng, seedFromEnv } from '../support/prng';
import { parseLogLines } from '../support/server-logs';
import type { ServerProcess } from '../support/server-process';
import {
  overwriteRows,
  storedSnapshot,
  storedUpdates,
  type StoredRow,
} from '../support/stored-board';

const SEED = seedFromEnv(4005);

const fx = useBoardFixture();
const open = fx.open;

/** The card a stored row creates (its `cards.<id>` entry), if it creates one. */
function cardCreatedBy(row: StoredRow): string | null {
  for (const struct of Y.decodeUpdate(row.data).structs) {
    // In a decoded (not integrated) update, a root parent is its name.
    const parent: unknown = struct instanceof Y.Item ? struct.parent : null;
    if (struct instanceof Y.Item && parent === 'cards' && typeof struct.parentSub === 'string')
      return struct.parentSub;
  }
  return null;
}

/** Overwrites the `data` of stored rows; the server must be stopped. */
function damageRows(dataDir: string, rows: { seq: number; data: Uint8Array }[]): void {
  expect(overwriteRows(dataDir, rows)).toBe(rows.length);
}

/** In place: bytes 1..16 become 0xff, so the struct count is a varint longer than any number. */
function corrupt(data: Uint8Array): Uint8Array {
  const out = data.slice();
  out.fill(0xff, 1, 17);
  return out;
}

const unreadableLogged = (s: ServerProcess) =>
  parseLogLines(s.logs()).filter((l) => l.msg === 'stored update unreadable; skipped');

describe('damaged stored updates', () => {
  it('a corrupt and a truncated row are reported and skipped; every other edit loads', async () => {
    const seed = `seed ${SEED} (rerun with SEED=${SEED})`;
    const { dataDir } = await fx.start();
    const api = fx.api;
    const { view, participants } = await meetingWithParticipants(api, 2);
    const boardId = view.boards[0]!.id;
    const people = participants.map((p, i) => {
      const client = open(boardId, p.token);
      const author = {
        id: p.participantId,
        name: `Đại biểu ${i + 1}`,
        department: view.departments[0]!,
      };
      return {
        client,
        editor: new BoardEditor(`p${i}`, client.doc, boardId, author, createRng(SEED + i), {
          maxCards: 10,
          moveOthers: 0,
        }),
      };
    });
    await Promise.all(people.map((p) => p.client.waitSynced()));
    // Ten cards, five from each person, alternating; each is stored as its own row. A person's
    // later cards come after their damaged row in the log, as in any real session.
    for (let i = 0; i < 10; i++) {
      const p = people[i % 2]!;
      p.editor.type(p.editor.add());
      await p.client.waitSaved();
    }
    fx.closeClients();
    await fx.stop('SIGKILL');
    expect(storedSnapshot(dataDir, boardId)).toBeNull();

    const rows = storedUpdates(dataDir, boardId);
    const rowOf = (cardId: string): StoredRow => {
      const row = rows.find((r) => cardCreatedBy(r) === cardId);
      if (!row) throw new Error(`no stored row creates ${cardId}`);
      return row;
    };
    const corruptCard = people[0]!.editor.log.created[1]!.cardId;
    const truncatedCard = people[1]!.editor.log.created[3]!.cardId;
    const corrupted = { seq: rowOf(corruptCard).seq, data: corrupt(rowOf(corruptCard).data) };
    const truncated = {
      seq: rowOf(truncatedCard).seq,
      data: rowOf(truncatedCard).data.slice(
        0,
        Math.floor(rowOf(truncatedCard).data.byteLength / 2),
      ),
    };
    for (const damaged of [corrupted, truncated])
      expect(() => Y.decodeUpdate(damaged.data)).toThrow();
    damageRows(dataDir, [corrupted, truncated]);

    const server = await fx.restart();
    const fresh = open(boardId, participants[0]!.token);
    await fresh.waitSynced();
    // Reported: one line per damaged row, naming the board and the row.
    expect
      .soft(
        unreadableLogged(server)
          .map((l) => [l.boardId, l.seq])
          .sort(),
      )
      .toEqual(
        [
          [boardId, corrupted.seq],
          [boardId, truncated.seq],
        ].sort(),
      );
    // Skipped: the two damaged cards are gone, and nothing else is.
    const lost = new Set([corruptCard, truncatedCard]);
    const expected = people
      .flatMap((p) => p.editor.log.created.map((c) => c.cardId))
      .filter((id) => !lost.has(id));
    expect(
      allCards(fresh.doc)
        .map((c) => c.id)
        .sort(),
      seed,
    ).toEqual(expected.sort());
    const withoutLost = people.map((p) => ({
      ...p.editor.log,
      created: p.editor.log.created.filter((c) => !lost.has(c.cardId)),
      texts: p.editor.log.texts.filter((t) => !lost.has(t.cardId)),
    }));
    expect(compareWithLogs(fresh.doc, withoutLost), seed).toEqual([]);
  });
});

describe('a board with a long history', () => {
  it('2040 stored updates with SNAPSHOT_EVERY=500 load completely from the snapshot and the tail', async () => {
    const seed = `seed ${SEED} (rerun with SEED=${SEED})`;
    // The test client sends its 2040 edits in one burst (people type slower than that). This
    // test is about loading, not durability: NORMAL (no fsync per commit) still survives a
    // killed process in WAL mode and saves seconds here.
    const env = {
      SNAPSHOT_EVERY: '500',
      WS_MESSAGES_PER_SECOND: '2000',
      SQLITE_SYNCHRONOUS: 'NORMAL',
    };
    const { dataDir } = await fx.start({ env });
    const api = fx.api;
    const { view, participants } = await meetingWithParticipants(api, 1);
    const boardId = view.boards[0]!.id;
    const writer = open(boardId, participants[0]!.token);
    await writer.waitSynced();
    const author = {
      id: participants[0]!.participantId,
      name: 'Đại biểu 1',
      department: view.departments[0]!,
    };
    const editor = new BoardEditor('p0', writer.doc, boardId, author, createRng(SEED), {
      maxCards: 40,
      moveOthers: 0,
    });
    // 40 cards, and 50 separate keystrokes (one update each) into every card.
    let last = '';
    for (let card = 0; card < 40; card++) {
      last = editor.add();
      for (let key = 0; key < 50; key++) editor.type(last);
    }
    expect(editor.ops).toBe(2040);
    await writer.waitSaved(60_000);
    fx.closeClients();
    await fx.stop('SIGKILL');

    // The server snapshots at the end of the commit that brings it to 500 rows since the last
    // one, and group commit decides where the burst's batches end: the last snapshot may
    // cover the very last row. Then one more keystroke, stored on its own after a restart
    // (which counts the empty tail as 0 rows), makes a tail of exactly one row.
    const tailOf = (rows: StoredRow[]) => {
      const snapshot = storedSnapshot(dataDir, boardId);
      expect(snapshot).not.toBeNull();
      return rows.filter((r) => r.seq > snapshot!.uptoSeq);
    };
    let rows = storedUpdates(dataDir, boardId);
    // The board's header, then one row per edit.
    expect(rows).toHaveLength(2041);
    if (tailOf(rows).length === 0) {
      await fx.restart();
      const again = open(boardId, participants[0]!.token);
      await again.waitSynced(60_000);
      const more = new BoardEditor('p0', again.doc, boardId, author, createRng(SEED), {
        maxCards: 40,
        moveOthers: 0,
      });
      more.type(last);
      await again.waitSaved(60_000);
      editor.log.texts.push(...more.log.texts);
      fx.closeClients();
      await fx.stop('SIGKILL');
      rows = storedUpdates(dataDir, boardId);
      expect(rows).toHaveLength(2042);
    }

    // Stored: the whole log, and a snapshot that covers all but the tail of it.
    const tail = tailOf(rows);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.length).toBeLessThan(500);
    // Damage a row the snapshot covers: a load that uses the snapshot never reads it.
    const early = rows[10]!;
    damageRows(dataDir, [{ seq: early.seq, data: corrupt(early.data) }]);

    const server = await fx.restart();
    const fresh = open(boardId, participants[0]!.token);
    // How fast it loads is the bench's business (cold-load); here only that it loads.
    await fresh.waitSynced(60_000);
    expect(compareWithLogs(fresh.doc, [editor.log]), seed).toEqual([]);
    expect(Object.values(boardView(fresh.doc)).flat()).toHaveLength(40);
    expect(unreadableLogged(server)).toEqual([]);
  });
});
