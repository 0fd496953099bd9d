/**
 * The session record's history over a real server: replay at a moment equals the document
 * built from the stored updates up to that moment; authors come from the connections, not
 * from what clients wrote; every record route answers 401 without a token and 403 with
 * another meeting's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView, editCardText, SWOT_QUADRANTS } from '@shared/doc/swot-board';
import { BoardAtView, HistoryEntry, SessionRecord } from '@shared/schemas/record';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { buildSampleMeeting, SAMPLE, type SampleMeeting } from '../support/sample-meeting';
import { startServer, type ServerProcess } from '../support/server-process';
import { storedUpdates } from '../support/stored-board';
import { connectDoc } from '../support/yjs-client';
import { waitFor } from '../support/wait-for';
import { MESSAGE_SYNC_STATUS } from '@shared/constants';

let server: ServerProcess;
let sample: SampleMeeting;

beforeAll(async () => {
  server = await startServer();
  sample = await buildSampleMeeting(server.url, server.wsUrl);
});
afterAll(async () => {
  await server?.kill();
});

async function get(path: string, token?: string): Promise<Response> {
  return fetch(server.url + path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
}

/** The board built from the stored rows with a time ≤ `at`, read straight from storage. */
function storedBoardAt(boardId: string, at: number) {
  const doc = new Y.Doc();
  for (const r of storedUpdates(server.dataDir, boardId))
    if (r.createdAt! <= at) Y.applyUpdate(doc, r.data);
  const view = boardView(doc);
  doc.destroy();
  return SWOT_QUADRANTS.flatMap((q) =>
    view[q].map((c) => ({ id: c.id, quadrant: q, text: c.text })),
  );
}

describe('history and replay', () => {
  it('the board at any moment equals the stored updates up to it, with several authors', async () => {
    // A longer history of three authors typing into shared cards, across checkpoints.
    const api = new ApiClient(server.url);
    const { view, participants } = await meetingWithParticipants(api, 3);
    const boardId = view.boards[0]!.id;
    const docs = participants.map((p) => connectDoc(server.wsUrl, boardId, p.token));
    try {
      await Promise.all(docs.map((d) => d.waitSynced()));
      const ids: string[] = [];
      for (let round = 0; round < 120; round++) {
        const i = round % 3;
        const d = docs[i]!;
        const author = {
          id: participants[i]!.participantId,
          name: `Đại biểu ${i + 1}`,
          department: 'x',
        };
        if (round % 10 === 0)
          ids.push(
            addCard(d.doc, { quadrant: SWOT_QUADRANTS[round % 4]!, author, text: 'ý kiến' }),
          );
        else {
          const id = ids[round % ids.length]!;
          const card = d.doc.getMap('cards').get(id) as Y.Map<unknown> | undefined;
          if (card) editCardText(d.doc, id, `${String(card.get('text'))} ${round}`);
        }
        await d.waitSaved();
      }
      const res = await get(
        `/api/meetings/${view.id}/boards/${boardId}/history?limit=1000`,
        participants[0]!.token,
      );
      expect(res.status).toBe(200);
      const entries = HistoryEntry.array().parse(await res.json());
      expect(entries.length).toBeGreaterThan(120);
      expect(new Set(entries.map((e) => e.participantId)).size).toBe(4); // 3 authors + server header
      // Oldest first.
      expect(entries.map((e) => e.seq)).toEqual(
        [...entries.map((e) => e.seq)].sort((a, b) => a - b),
      );
      const moments = [...new Set(entries.map((e) => e.at))];
      const sampled = moments.filter((_, i) => i % 7 === 0 || i === moments.length - 1);
      for (const at of [moments[0]! - 1, ...sampled]) {
        const r = await get(
          `/api/meetings/${view.id}/boards/${boardId}/view?at=${at}`,
          participants[1]!.token,
        );
        expect(r.status).toBe(200);
        const shown = BoardAtView.parse(await r.json());
        expect(shown.cards.map((c) => ({ id: c.id, quadrant: c.quadrant, text: c.text }))).toEqual(
          storedBoardAt(boardId, at),
        );
      }
      // Paging: pages of 50 concatenate to the whole list.
      const paged: HistoryEntry[] = [];
      let after = 0;
      for (;;) {
        const p = await get(
          `/api/meetings/${view.id}/boards/${boardId}/history?limit=50&after=${after}`,
          participants[0]!.token,
        );
        paged.push(...HistoryEntry.array().parse(await p.json()));
        const next = p.headers.get('x-next-after');
        if (next === null) break;
        after = Number(next);
      }
      expect(paged).toEqual(entries);
    } finally {
      for (const d of docs) d.destroy();
    }
  });

  it('names the true author of every card and edit, with the name in force at the time', async () => {
    const { created, a, b, boardId, cardIds } = sample;
    const res = await get(
      `/api/meetings/${created.id}/boards/${boardId}/view`,
      created.observerToken,
    );
    const view = BoardAtView.parse(await res.json());
    const card = (id: string) => view.cards.find((c) => c.id === id)!;
    // B wrote this card claiming A's id and name: the view names B, as called then.
    expect(card(cardIds.forged).author).toEqual({
      participantId: b.participantId,
      name: 'Trần Văn Bình',
      department: b.department,
    });
    expect(card(cardIds.a1).author.participantId).toBe(a.participantId);
    // B edited after renaming: the edit carries the new name, the creation the old one.
    expect(card(cardIds.b1).author.name).toBe('Trần Văn Bình');
    expect(card(cardIds.b1).edits.map((e) => e.name)).toContain(SAMPLE.renamed);
    expect(card(cardIds.a2).edits.map((e) => e.participantId)).toContain(b.participantId);

    const record = SessionRecord.parse(
      await (await get(`/api/meetings/${created.id}/record`, a.token)).json(),
    );
    const recordCard = record.boards.flatMap((x) => x.cards).find((c) => c.id === cardIds.forged)!;
    expect(recordCard.author.participantId).toBe(b.participantId);
    expect(record.conclusions).toBe(SAMPLE.conclusions);
    expect(record.meeting.secretary?.name).toBe(SAMPLE.secretaryName);
    // The sample's marks: two steps, the lock, both reveals, the decision and the manual one
    // (sorted: two of them can fall in the same millisecond).
    expect(record.marks.map((m) => m.reason).sort()).toEqual([
      'agenda-step',
      'agenda-step',
      'decision',
      'lock',
      'manual',
      'vote',
      'vote',
    ]);
  });

  it('answers 401 without a token and 403 with another meeting’s token', async () => {
    const api = new ApiClient(server.url);
    const other = await api.createMeeting({ title: 'Cuộc họp khác' });
    const { created, boardId } = sample;
    const paths = [
      `/api/meetings/${created.id}/record`,
      `/api/meetings/${created.id}/boards/${boardId}/history`,
      `/api/meetings/${created.id}/boards/${boardId}/view?at=0`,
      `/api/meetings/${created.id}/export/minutes.docx`,
      `/api/meetings/${created.id}/export/record.md`,
      `/api/meetings/${created.id}/export/meeting.xlsx`,
      `/api/meetings/${created.id}/export/archive.json`,
    ];
    for (const path of paths) {
      expect((await get(path)).status, path).toBe(401);
      expect((await get(path, other.observerToken)).status, path).toBe(403);
      expect((await get(path, created.observerToken)).status, path).toBe(200);
    }
  });

  it('lets only the facilitator and the secretary write the conclusions', async () => {
    const { created, a } = sample;
    const before = SessionRecord.parse(
      await (await get(`/api/meetings/${created.id}/record`, a.token)).json(),
    );
    const client = connectDoc(server.wsUrl, `${created.id}/conclusions`, a.token);
    let refused = 0;
    // The server answers a write it did not apply with a sync-status message (type 5).
    client.provider.messageHandlers[MESSAGE_SYNC_STATUS] = () => {
      refused++;
    };
    try {
      await client.waitSynced();
      client.doc.getText('text').insert(0, 'không được phép ');
      await waitFor(() => expect(refused).toBeGreaterThan(0));
      const after = SessionRecord.parse(
        await (await get(`/api/meetings/${created.id}/record`, a.token)).json(),
      );
      expect(after.conclusions).toBe(before.conclusions);
    } finally {
      client.destroy();
    }
  });

  it('refuses the conclusions of another meeting (4403)', async () => {
    const api = new ApiClient(server.url);
    const other = await api.createMeeting({ title: 'Cuộc họp khác' });
    const client = connectDoc(
      server.wsUrl,
      `${sample.created.id}/conclusions`,
      other.facilitatorToken,
    );
    try {
      await waitFor(() => expect(client.closes.map((c) => c.code)).toContain(4403));
    } finally {
      client.destroy();
    }
  });
});
