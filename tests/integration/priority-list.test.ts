/**
 * Priority lists through a real server: five real y-websocket clients reordering and editing
 * at once converge with no item lost or duplicated; promotion of SWOT cards and commune
 * proposals goes through the server's write path with the promoter as author.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addProposal, getProposal } from '@shared/doc/commune-proposals';
import {
  addItem,
  allItems,
  deleteItem,
  editItemText,
  listItems,
  moveItem,
} from '@shared/doc/priority-list';
import { addCard, getCard } from '@shared/doc/swot-board';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { createRng, seedFromEnv } from '../support/prng';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { storedUpdates } from '../support/stored-board';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

let server: ServerProcess | null = null;
const closers: (() => void)[] = [];

afterEach(async () => {
  for (const close of closers.splice(0)) close();
  await server?.kill();
  server = null;
});

function doc(boardId: string, token: string): TestDocClient {
  const c = connectDoc(server!.wsUrl, boardId, token);
  closers.push(() => c.destroy());
  return c;
}
function socket(token: string): TestSocketClient {
  const s = connectSocket(server!.url, token);
  closers.push(() => s.close());
  return s;
}
type AckResult = { ok: boolean; itemId?: string; error?: { code: string } };
async function ask(s: TestSocketClient, event: string, payload: unknown): Promise<AckResult> {
  const timed = s.socket.timeout(5000) as unknown as {
    emitWithAck(e: string, p: unknown): Promise<unknown>;
  };
  return (await timed.emitWithAck(event, payload)) as AckResult;
}

const summary = (c: TestDocClient) => listItems(c.doc).map((i) => `${i.id}:${i.title}`);

describe('five people reordering and editing one list at once', () => {
  const base = seedFromEnv(20261201);
  for (const seed of [base, base + 1, base + 2]) {
    it(`converges with every item exactly once (seed ${seed})`, async () => {
      server = await startServer();
      const rng = createRng(seed);
      const api = new ApiClient(server.url);
      const m = await meetingWithParticipants(api, 5);
      const board = await api.createBoard(m.created.id, m.created.facilitatorToken, {
        kind: 'priority',
        title: 'Ưu tiên',
      });
      const clients = m.participants.map((p) => doc(board.id, p.token));
      await Promise.all(clients.map((c) => c.waitSynced()));
      const created = new Set<string>();
      const deleted = new Set<string>();
      const author = (i: number) => ({
        id: m.participants[i]!.participantId,
        name: `Đại biểu ${i + 1}`,
      });
      for (let i = 0; i < 8; i++)
        created.add(
          addItem(clients[0]!.doc, {
            author: author(0),
            department: 'Phòng Y tế',
            title: `mục ${i}`,
          }),
        );
      await waitFor(() => clients.forEach((c) => expect(listItems(c.doc)).toHaveLength(8)));

      // Each client makes its own random moves and edits, interleaved with the others' in
      // real time; messages cross on the wire.
      const OPS = 80;
      let moves = 0;
      await Promise.all(
        clients.map(async (c, ci) => {
          for (let op = 0; op < OPS; op++) {
            const live = listItems(c.doc);
            const roll = rng.next();
            if (roll < 0.6 && live.length > 1) {
              moveItem(c.doc, rng.pick(live).id, rng.int(live.length));
              moves++;
            } else if (roll < 0.85 && live.length > 0) {
              const item = rng.pick(live);
              const at = rng.int(item.title.length + 1);
              editItemText(
                c.doc,
                item.id,
                'title',
                item.title.slice(0, at) + String.fromCharCode(97 + ci) + item.title.slice(at),
              );
            } else if (roll < 0.95) {
              created.add(
                addItem(c.doc, {
                  author: author(ci),
                  department: 'Phòng Y tế',
                  title: `mới ${ci}-${op}`,
                  index: rng.int(live.length + 1),
                }),
              );
            } else if (live.length > 3) {
              const victim = rng.pick(live).id;
              deleteItem(c.doc, victim);
              deleted.add(victim);
            }
            if (rng.chance(0.3)) await new Promise((r) => setTimeout(r, rng.int(15)));
          }
        }),
      );
      expect(moves).toBeGreaterThan(OPS); // the run really reordered

      await Promise.all(clients.map((c) => c.waitSaved(20_000)));
      await waitFor(
        () => {
          const first = summary(clients[0]!);
          for (const c of clients) expect(summary(c), `seed ${seed}`).toEqual(first);
        },
        { timeout: 20_000 },
      );
      const ids = listItems(clients[0]!.doc).map((i) => i.id);
      expect(new Set(ids).size, `seed ${seed}: duplicate in list`).toBe(ids.length);
      expect(new Set(ids), `seed ${seed}: live items`).toEqual(
        new Set([...created].filter((id) => !deleted.has(id))),
      );
      expect(new Set(allItems(clients[0]!.doc).map((i) => i.id)), `seed ${seed}: record`).toEqual(
        created,
      );
      // What the server stored is the same list.
      const fresh = doc(board.id, m.created.observerToken);
      await fresh.waitSynced();
      expect(summary(fresh)).toEqual(summary(clients[0]!));
    });
  }
});

describe('promotion into a priority list', () => {
  it('promotes a SWOT card through the server with the promoter as author, links both ways, and refuses what it must', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const m = await meetingWithParticipants(api, 2);
    const swotId = m.view.boards.find((b) => b.department === 'Phòng Y tế')!.id;
    const list = await api.createBoard(m.created.id, m.created.facilitatorToken, {
      kind: 'priority',
      title: 'Ưu tiên',
    });
    const swot = doc(swotId, m.participants[0]!.token);
    await swot.waitSynced();
    const cardId = addCard(swot.doc, {
      quadrant: 'weaknesses',
      author: {
        id: m.participants[0]!.participantId,
        name: 'Đại biểu 1',
        department: 'Phòng Y tế',
      },
      text: 'Thiếu bác sĩ ở trạm y tế xã',
    });
    await swot.waitSaved();
    const listDoc = doc(list.id, m.participants[0]!.token);
    await listDoc.waitSynced();
    const promoter = socket(m.participants[1]!.token);

    const ack = await ask(promoter, 'board:promote', {
      fromBoardId: swotId,
      sourceId: cardId,
      toBoardId: list.id,
    });
    expect(ack).toMatchObject({ ok: true, itemId: expect.any(String) });
    await waitFor(() =>
      expect(listItems(listDoc.doc)).toEqual([
        expect.objectContaining({
          id: ack.itemId,
          title: 'Thiếu bác sĩ ở trạm y tế xã',
          department: 'Phòng Y tế',
          sources: [{ kind: 'swot', boardId: swotId, id: cardId }],
          author: { id: m.participants[1]!.participantId, name: 'Đại biểu 2' },
        }),
      ]),
    );
    await waitFor(() =>
      expect(getCard(swot.doc, cardId)?.promotedTo).toEqual([{ boardId: list.id, id: ack.itemId }]),
    );
    // Stored with the promoter as author, on both boards.
    expect(storedUpdates(server.dataDir, list.id).at(-1)?.participantId).toBe(
      m.participants[1]!.participantId,
    );
    expect(storedUpdates(server.dataDir, swotId).at(-1)?.participantId).toBe(
      m.participants[1]!.participantId,
    );

    // Again: the same item, no copy.
    expect(
      await ask(promoter, 'board:promote', {
        fromBoardId: swotId,
        sourceId: cardId,
        toBoardId: list.id,
      }),
    ).toEqual({ ok: true, itemId: ack.itemId });
    expect(listItems(listDoc.doc)).toHaveLength(1);

    const observer = socket(m.created.observerToken);
    expect(
      await ask(observer, 'board:promote', {
        fromBoardId: swotId,
        sourceId: cardId,
        toBoardId: list.id,
      }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await ask(promoter, 'board:promote', {
        fromBoardId: swotId,
        sourceId: cardId,
        toBoardId: swotId,
      }),
    ).toMatchObject({ ok: false, error: { code: 'board_kind_mismatch' } });
    expect(
      await ask(promoter, 'board:promote', {
        fromBoardId: swotId,
        sourceId: 'noSuchCard000001',
        toBoardId: list.id,
      }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const fac = socket(m.created.facilitatorToken);
    expect(await ask(fac, 'board:lock', { boardId: list.id, locked: true })).toEqual({ ok: true });
    const card2 = addCard(swot.doc, {
      quadrant: 'threats',
      author: {
        id: m.participants[0]!.participantId,
        name: 'Đại biểu 1',
        department: 'Phòng Y tế',
      },
      text: 'Lũ quét',
    });
    await swot.waitSaved();
    expect(
      await ask(promoter, 'board:promote', {
        fromBoardId: swotId,
        sourceId: card2,
        toBoardId: list.id,
      }),
    ).toMatchObject({ ok: false, error: { code: 'board_locked' } });
  });

  it('promotes a commune proposal with its cost, sector and commune', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const m = await meetingWithParticipants(api, 1);
    const proposals = await api.createBoard(m.created.id, m.created.facilitatorToken, {
      kind: 'proposals',
      title: 'Đề xuất của các xã',
    });
    const list = await api.createBoard(m.created.id, m.created.facilitatorToken, {
      kind: 'priority',
      title: 'Ưu tiên',
    });
    const p = doc(proposals.id, m.participants[0]!.token);
    await p.waitSynced();
    const proposalId = addProposal(p.doc, {
      author: {
        id: m.participants[0]!.participantId,
        name: 'Đại biểu 1',
        department: 'Phòng Y tế',
      },
      title: 'Kênh mương nội đồng',
      commune: 'Xã Mẫu Sơn (dữ liệu mẫu)',
      sector: 'Phòng Nông nghiệp và PTNT',
      cost: 1_800_000_000,
      beneficiaries: 640,
    });
    await p.waitSaved();
    const s = socket(m.participants[0]!.token);
    const ack = await ask(s, 'board:promote', {
      fromBoardId: proposals.id,
      sourceId: proposalId,
      toBoardId: list.id,
    });
    expect(ack.ok).toBe(true);
    const l = doc(list.id, m.participants[0]!.token);
    await l.waitSynced();
    expect(listItems(l.doc)[0]).toMatchObject({
      title: 'Kênh mương nội đồng',
      description: 'Xã Mẫu Sơn (dữ liệu mẫu)',
      department: 'Phòng Nông nghiệp và PTNT',
      cost: 1_800_000_000,
      sources: [{ kind: 'proposal', boardId: proposals.id, id: proposalId }],
    });
    await waitFor(() =>
      expect(getProposal(p.doc, proposalId)?.promotedTo).toEqual([
        { boardId: list.id, id: ack.itemId },
      ]),
    );
  });
});
