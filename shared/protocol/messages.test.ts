/**
 * The encoders write what the standard y-protocols readers read: a y-websocket peer that
 * knows nothing of this code must understand every message.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SAVED, MESSAGE_SYNC, MESSAGE_SYNC_STATUS } from '../constants';
import {
  SyncSubtype,
  awarenessMessage,
  rawAwarenessMessage,
  savedMessage,
  syncStatusMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from './messages';

function docWith(text: string): Y.Doc {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
}

/** Reads a sync message the way y-websocket's provider does; returns the reply, if any. */
function readSync(message: Uint8Array, doc: Y.Doc): { subtype: number; reply: Uint8Array } {
  const decoder = decoding.createDecoder(message);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  // As y-websocket does: the reply starts with the message type, then the reader writes it.
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  const subtype = syncProtocol.readSyncMessage(decoder, encoder, doc, 'test');
  return { subtype, reply: encoding.toUint8Array(encoder) };
}

describe('y-websocket message encoders', () => {
  it('names the sync subtypes as y-protocols does', () => {
    expect(SyncSubtype).toEqual({ step1: 0, step2: 1, update: 2 });
  });

  it('an update message carries the update', () => {
    const source = docWith('Nước sạch');
    const target = new Y.Doc();
    expect(readSync(syncUpdateMessage(Y.encodeStateAsUpdate(source)), target).subtype).toBe(
      SyncSubtype.update,
    );
    expect(target.getText('t').toString()).toBe('Nước sạch');
  });

  it('step 1 is answered with step 2, which brings the other side up to date', () => {
    const server = docWith('Đường liên xã');
    const client = new Y.Doc();
    const { subtype, reply } = readSync(syncStep1Message(client), server);
    expect(subtype).toBe(SyncSubtype.step1);
    expect(readSync(reply, client).subtype).toBe(SyncSubtype.step2);
    expect(client.getText('t').toString()).toBe('Đường liên xã');
    // Our own step 2 encoder makes the same answer.
    const other = new Y.Doc();
    readSync(syncStep2Message(server, Y.encodeStateVector(other)), other);
    expect(other.getText('t').toString()).toBe('Đường liên xã');
  });

  it('awareness messages apply with y-protocols, from an Awareness or from raw entries', () => {
    const local = new awarenessProtocol.Awareness(new Y.Doc());
    local.setLocalState({ user: { name: 'Chị Lan' } });
    const remote = new awarenessProtocol.Awareness(new Y.Doc());
    for (const message of [
      awarenessMessage(local, [local.clientID]),
      rawAwarenessMessage([[4242, 1, '{"user":{"name":"Anh Tuấn"}}']]),
    ]) {
      const decoder = decoding.createDecoder(message);
      expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
      awarenessProtocol.applyAwarenessUpdate(remote, decoding.readVarUint8Array(decoder), 'test');
    }
    expect(remote.getStates().get(local.clientID)).toEqual({ user: { name: 'Chị Lan' } });
    expect(remote.getStates().get(4242)).toEqual({ user: { name: 'Anh Tuấn' } });
    local.destroy();
    remote.destroy();
  });

  it('sync status and saved are our two extra types', () => {
    expect([...syncStatusMessage(true)]).toEqual([MESSAGE_SYNC_STATUS, 1]);
    expect([...syncStatusMessage(false)]).toEqual([MESSAGE_SYNC_STATUS, 0]);
    const sv = Y.encodeStateVector(docWith('x'));
    const decoder = decoding.createDecoder(savedMessage(sv));
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SAVED);
    expect([...decoding.readVarUint8Array(decoder)]).toEqual([...sv]);
  });
});
