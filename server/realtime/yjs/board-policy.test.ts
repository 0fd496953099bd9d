import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, listItems } from '@shared/doc/priority-list';
import { addProposal, listProposals } from '@shared/doc/commune-proposals';
import { kindOfDoc } from '@shared/doc/kinds';
import { boardPolicy } from './board-policy';

const limits = { cardTextMax: 10, cardsPerBoardMax: 2 };
const SERVER = Symbol('server');

/** Applies a client's edit to the server replica under the policy; true when it corrected. */
function throughPolicy(
  kind: 'priority' | 'proposals',
  server: Y.Doc,
  edit: (c: Y.Doc) => void,
): boolean {
  const policy = boardPolicy(kind, limits);
  policy.prepare(server);
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  const before = Y.encodeStateVector(client);
  edit(client);
  let corrected = false;
  const onTx = (tr: Y.Transaction) => {
    if (tr.origin === 'client') corrected = policy.enforce(server, tr, SERVER) || corrected;
  };
  server.on('afterTransaction', onTx);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before), 'client');
  server.off('afterTransaction', onTx);
  return corrected;
}

describe('board policies', () => {
  it('write the header of their kind', () => {
    for (const kind of ['swot', 'priority', 'proposals'] as const) {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, boardPolicy(kind, limits).initialUpdate());
      expect(kindOfDoc(doc)).toBe(kind);
    }
  });

  it('priority: truncate long titles and descriptions, bound the item count', () => {
    const server = new Y.Doc();
    Y.applyUpdate(server, boardPolicy('priority', limits).initialUpdate());
    expect(
      throughPolicy('priority', server, (c) => {
        addItem(c, {
          author: { id: 'p', name: 'n' },
          department: 'D',
          title: 'quá dài, quá dài',
          description: 'cũng quá dài đấy',
        });
        addItem(c, { author: { id: 'p', name: 'n' }, department: 'D', title: 'b' });
        addItem(c, { author: { id: 'p', name: 'n' }, department: 'D', title: 'c' });
      }),
    ).toBe(true);
    const items = listItems(server);
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.title.length <= 10 && i.description.length <= 10)).toBe(true);
  });

  it('proposals: a malformed cost is cleared', () => {
    const server = new Y.Doc();
    let id = '';
    throughPolicy('proposals', server, (c) => {
      id = addProposal(c, {
        author: { id: 'p', name: 'n', department: 'D' },
        commune: 'Xã A',
        title: 'x',
        cost: 5,
      });
    });
    expect(
      throughPolicy('proposals', server, (c) => {
        const map = c.getMap<Y.Map<unknown>>('proposals').get(id)!;
        map.set('cost', 'nhiều');
      }),
    ).toBe(true);
    expect(listProposals(server)[0]!.cost).toBeNull();
    expect(server.getMap<Y.Map<unknown>>('proposals').get(id)!.get('cost')).toBeNull();
  });
});

describe('indicators policy', () => {
  it('removes malformed cells and resets bad settings, keeps valid ones as typed', async () => {
    const { addRow, listRows, rowsMap, settingsMap, readSettings } =
      await import('@shared/doc/indicators');
    const policy = boardPolicy('indicators', limits);
    const server = new Y.Doc();
    Y.applyUpdate(server, policy.initialUpdate());
    expect(kindOfDoc(server)).toBe('indicators');
    policy.prepare(server);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const id = addRow(client, {
      author: { id: 'p', name: 'n' },
      name: 'x',
      cells: { a2020: { raw: 'abc', locale: 'vi' } },
    });
    // Written around the accessors, as a hostile client could.
    client.transact(() => {
      const cells = rowsMap(client).get(id)!.get('cells') as Y.Map<unknown>;
      cells.set('a2021', 12);
      cells.set('zzz', { raw: '1', locale: 'vi' });
      cells.set('a2022', { raw: '1'.repeat(99), locale: 'vi' });
      cells.set('a2023', { raw: '5', locale: 'vi' });
    });
    client.transact(() => settingsMap(client).set('yearCount', 1000));
    let corrected = false;
    server.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === 'client') corrected = policy.enforce(server, tr, SERVER) || corrected;
    });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client), 'client');
    expect(corrected).toBe(true);
    expect(listRows(server)[0]!.cells).toEqual({
      a2020: { raw: 'abc', locale: 'vi' },
      a2023: { raw: '5', locale: 'vi' },
    });
    const cells = rowsMap(server).get(id)!.get('cells') as Y.Map<unknown>;
    expect([...cells.keys()].sort()).toEqual(['a2020', 'a2023']);
    expect(readSettings(server).yearCount).toBe(5);
    expect(settingsMap(server).get('yearCount')).toBe(5);
  });
});
