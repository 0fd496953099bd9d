import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView, editCardText, SWOT_QUADRANTS } from '@shared/doc/swot-board';
import { createLogger } from '../logger';
import type { StoredUpdate } from '../storage/storage';
import { BoardHistory } from './board-history';
import { NameBook } from './names';
import { attributedCards } from './swot-attribution';

const log = createLogger('silent');

/** Three authors on three documents, every update captured as a stored row. */
function history(steps: number, every: number) {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  const rows: StoredUpdate[] = [];
  let seq = 0;
  docs.forEach((d, i) =>
    d.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin === 'remote') return;
      rows.push({
        seq: ++seq,
        update: u,
        participantId: `p${i}`,
        createdAt: 1000 + seq * 10,
        serverWrite: false,
      });
      docs.forEach((o) => o !== d && Y.applyUpdate(o, u, 'remote'));
    }),
  );
  const ids: string[] = [];
  for (let s = 0; s < steps; s++) {
    const i = s % 3;
    const d = docs[i]!;
    if (s % 7 === 0)
      ids.push(
        addCard(d, {
          quadrant: SWOT_QUADRANTS[s % 4]!,
          author: { id: 'p9', name: 'forged', department: 'x' },
          text: `c${s}`,
        }),
      );
    else editCardText(d, ids[s % ids.length]!, `${s} ${ids.length}`);
  }
  const h = new BoardHistory('b', log, every);
  h.append(rows);
  return { h, rows, ids };
}

const plain = (doc: Y.Doc) => {
  const v = boardView(doc);
  return SWOT_QUADRANTS.flatMap((q) => v[q].map((c) => `${q}:${c.id}:${c.text}`));
};

describe('BoardHistory', () => {
  it('replays any prefix exactly as applying the rows up to it', () => {
    const { h, rows } = history(200, 16);
    for (let n = 0; n <= rows.length; n += 13) {
      const expected = new Y.Doc();
      for (const r of rows.slice(0, n)) Y.applyUpdate(expected, r.update);
      const doc = h.docAt(n);
      expect(plain(doc)).toEqual(plain(expected));
      doc.destroy();
    }
    expect(h.countAt(1000)).toBe(0);
    expect(h.countAt(rows.at(-1)!.createdAt)).toBe(rows.length);
  });

  it('attributes cards to the connection that created them, not to the claim', () => {
    const { h, rows, ids } = history(30, 8);
    const names = new NameBook(
      ['p0', 'p1', 'p2', 'p9'].map((id) => ({
        id,
        meetingId: 'm',
        role: 'participant' as const,
        name: id.toUpperCase(),
        department: null,
        createdAt: 0,
        removedAt: null,
      })),
      [],
    );
    const cards = attributedCards(h, rows.length, names);
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) expect(c.author.participantId).not.toBe('p9');
    // Card k was created at step 7k by author (7k mod 3), and edited by the others.
    const byId = new Map(cards.map((c) => [c.id, c]));
    ids.forEach((id, k) => expect(byId.get(id)!.author.participantId).toBe(`p${(7 * k) % 3}`));
    expect(cards.some((c) => c.edits.some((e) => e.participantId !== c.author.participantId))).toBe(
      true,
    );
  });

  it('trusts the claimed author only in server writes', () => {
    const doc = new Y.Doc();
    const rows: StoredUpdate[] = [];
    doc.on('update', (u: Uint8Array) =>
      rows.push({
        seq: rows.length + 1,
        update: u,
        participantId: 'fac',
        createdAt: 5,
        serverWrite: true,
      }),
    );
    addCard(doc, {
      quadrant: 'threats',
      author: { id: 'owner', name: 'x', department: 'y' },
      text: 'revealed',
    });
    const h = new BoardHistory('b', log);
    h.append(rows);
    const names = new NameBook(
      ['fac', 'owner'].map((id) => ({
        id,
        meetingId: 'm',
        role: 'participant' as const,
        name: id,
        department: null,
        createdAt: 0,
        removedAt: null,
      })),
      [{ participantId: 'owner', name: 'Owner then', department: 'Phòng Y tế', since: 1 }],
    );
    expect(attributedCards(h, 1, names)[0]!.author).toEqual({
      participantId: 'owner',
      name: 'Owner then',
      department: 'Phòng Y tế',
    });
  });
});
