/**
 * A bare `ws` connection to the Yjs endpoint that speaks the protocol by hand, for attack
 * tests that must not go through any client library.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SYNC_STATUS } from '@shared/constants';
import { addCard } from '@shared/doc/swot-board';

export interface RawYjs {
  ws: WebSocket;
  /** Resolves with the close code. */
  closed: Promise<number>;
  /** Message types received, in order. */
  received: number[];
  /** Sync status answers received (true = applied, false = refused). */
  syncStatus: boolean[];
  send(bytes: Uint8Array): void;
}

export function openRawYjs(
  wsUrl: string,
  boardId: string,
  token: string,
  headers: Record<string, string> = {},
): Promise<RawYjs> {
  const ws = new WebSocket(`${wsUrl}/yjs/${boardId}?token=${encodeURIComponent(token)}`, {
    headers,
  });
  const received: number[] = [];
  const syncStatus: boolean[] = [];
  ws.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data));
    const type = decoding.readVarUint(decoder);
    received.push(type);
    if (type === MESSAGE_SYNC_STATUS) syncStatus.push(decoding.readVarUint(decoder) === 1);
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, closed, received, syncStatus, send: (b) => ws.send(b) }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
}

/** A valid update that adds one card, made on a throwaway document. */
export function cardUpdate(text: string, authorId = 'intruder01'): Uint8Array {
  const doc = new Y.Doc();
  addCard(doc, { quadrant: 'threats', author: { id: authorId, name: 'X', department: 'X' }, text });
  return Y.encodeStateAsUpdate(doc);
}
