import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard } from '@shared/doc/swot-board';
import { checkUpdate } from './update-guard';

function validUpdate(): Uint8Array {
  const doc = new Y.Doc();
  addCard(doc, {
    quadrant: 'strengths',
    author: { id: 'a', name: 'A', department: 'D' },
    text: 'Điểm mạnh',
  });
  return Y.encodeStateAsUpdate(doc);
}

describe('checkUpdate', () => {
  it('accepts a normal board update', () => {
    expect(checkUpdate(validUpdate())).toEqual({ ok: true });
  });

  it.each([
    ['zero-length (yjs #498)', new Uint8Array([])],
    ['garbage (yjs #479)', new Uint8Array(Buffer.from('garbagedoc', 'base64'))],
    ['an over-long varint', new Uint8Array(12).fill(0xff)],
    ['a huge struct count with no structs', new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f, 1, 2])],
    ['a truncated update', validUpdate().slice(0, 20)],
  ])('refuses %s without hanging', (_name, bytes) => {
    const verdict = checkUpdate(bytes);
    expect(verdict.ok).toBe(false);
  });

  it('bounds the structs and delete ranges of one update', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    // Separate insertions at alternating ends make separate structs.
    for (let i = 0; i < 30; i++)
      doc.transact(() => text.insert(i % 2 === 0 ? 0 : text.length, 'x'));
    const update = Y.encodeStateAsUpdate(doc);
    expect(checkUpdate(update, { maxStructs: 10, maxDeleteRanges: 10 }).ok).toBe(false);
    expect(checkUpdate(update, { maxStructs: 1000, maxDeleteRanges: 10 }).ok).toBe(true);
    for (let i = 0; i < 30; i += 2) text.delete(i, 1);
    expect(
      checkUpdate(Y.encodeStateAsUpdate(doc), { maxStructs: 1000, maxDeleteRanges: 5 }).ok,
    ).toBe(false);
  });

  it.each([
    [
      'a parent at a later clock',
      '000220010288270027010563617264730567686f737401280088270501780177017600',
    ],
    ['an origin at a later clock', '00020c010189270084892709017800'],
  ])('refuses an item pointing at %s of its own author (found by the fuzz test)', (_name, hex) => {
    // The hex is a whole y-websocket sync-update message: type 0, subtype 2, then the update.
    const message = Buffer.from(hex, 'hex');
    const update = new Uint8Array(message.subarray(3));
    expect(() => Y.applyUpdate(new Y.Doc(), update)).toThrow();
    expect(checkUpdate(update)).toEqual({
      ok: false,
      reason: 'item refers to a later item of its own author',
    });
  });

  it('refuses sub-documents, which a board never holds', () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('x', new Y.Doc());
    const verdict = checkUpdate(Y.encodeStateAsUpdate(doc));
    expect(verdict).toEqual({ ok: false, reason: 'content kind ContentDoc is not allowed' });
  });
});
