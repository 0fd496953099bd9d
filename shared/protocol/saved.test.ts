import { describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { encodeSavedMessage, SaveTracker, unconfirmedCount } from './saved';

const SERVER = Symbol('server');

describe('SaveTracker', () => {
  it('counts local changes until the server confirms them', () => {
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc, (o) => o === SERVER);
    doc.getText('t').insert(0, 'abc');
    expect(tracker.pending()).toBe(3);
    const message = encodeSavedMessage(Y.encodeStateVector(doc));
    const decoder = decoding.createDecoder(message);
    decoding.readVarUint(decoder);
    tracker.receive(decoder);
    expect(tracker.pending()).toBe(0);
    doc.getText('t').insert(3, 'd');
    expect(tracker.pending()).toBe(1);
  });

  it('treats incremental updates relayed by the server as stored', () => {
    const remote = new Y.Doc();
    const doc = new Y.Doc();
    const tracker = new SaveTracker(doc, (o) => o === SERVER);
    remote.getText('t').insert(0, 'first');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote), SERVER);
    const before = Y.encodeStateVector(remote);
    remote.getText('t').insert(5, ' second');
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(remote, before), SERVER);
    expect(doc.getText('t').toString()).toBe('first second');
    expect(tracker.pending()).toBe(0);
  });
});

describe('unconfirmedCount', () => {
  it('sums what each client is ahead of the confirmed vector', () => {
    expect(
      unconfirmedCount(
        new Map([
          [1, 10],
          [2, 5],
        ]),
        new Map([[1, 7]]),
      ),
    ).toBe(8);
    expect(unconfirmedCount(new Map([[1, 3]]), new Map([[1, 9]]))).toBe(0);
  });
});
