import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, allCards, boardView, editCardText } from '@shared/doc/swot-board';
import { enforceBoardLimits, prepareBoardLimits } from './board-limits';

const author = { id: 'p1', name: 'A', department: 'D' };
const SERVER = Symbol('server');

/** Applies `edit` on a client replica and returns what the server replica does with it. */
function throughServer(
  server: Y.Doc,
  edit: (client: Y.Doc) => void,
  limits = { cardTextMax: 10, cardsPerBoardMax: 3 },
) {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  const update = Y.encodeStateAsUpdate(client, before);
  let corrected = false;
  const onTx = (tr: Y.Transaction) => {
    if (tr.origin === 'client')
      corrected = enforceBoardLimits(server, tr, limits, SERVER) || corrected;
  };
  server.on('afterTransaction', onTx);
  Y.applyUpdate(server, update, 'client');
  server.off('afterTransaction', onTx);
  return corrected;
}

describe('enforceBoardLimits', () => {
  it('truncates a card text over the limit', () => {
    const server = new Y.Doc();
    let id = '';
    expect(
      throughServer(
        server,
        (c) => (id = addCard(c, { quadrant: 'strengths', author, text: 'ngắn' })),
      ),
    ).toBe(false);
    expect(throughServer(server, (c) => editCardText(c, id, 'quá dài, dài hơn mười ký tự'))).toBe(
      true,
    );
    expect(boardView(server).strengths[0]?.text).toBe('quá dài, d');
  });

  it('deletes cards beyond the per-board maximum, keeping the earlier ones', () => {
    const server = new Y.Doc();
    throughServer(server, (c) => {
      for (let i = 0; i < 2; i++) addCard(c, { quadrant: 'threats', author, text: `${i}` });
    });
    expect(
      throughServer(server, (c) => {
        for (let i = 2; i < 6; i++) addCard(c, { quadrant: 'threats', author, text: `${i}` });
      }),
    ).toBe(true);
    expect(boardView(server).threats).toHaveLength(3);
    expect(allCards(server)).toHaveLength(6);
  });

  it('leaves edits within limits alone', () => {
    const server = new Y.Doc();
    expect(
      throughServer(server, (c) => addCard(c, { quadrant: 'threats', author, text: 'ok' })),
    ).toBe(false);
  });
});

describe('enforceBoardLimits on cards created whole', () => {
  it('truncates the text of a card that arrives already over the limit', () => {
    const server = new Y.Doc();
    prepareBoardLimits(server);
    throughServer(server, (c) => {
      addCard(c, { quadrant: 'threats', author, text: 'x'.repeat(50) });
    });
    expect(allCards(server).map((c) => c.text.length)).toEqual([10]);
  });

  it('counts the cards of the first update that creates the card map', () => {
    const server = new Y.Doc();
    prepareBoardLimits(server);
    throughServer(server, (c) => {
      for (let i = 0; i < 5; i++) addCard(c, { quadrant: 'threats', author, text: `${i}` });
    });
    expect(allCards(server).filter((c) => !c.deleted)).toHaveLength(3);
  });
});
