/**
 * Pre-encoded edits for a light protocol client. Built before the measured phase with a
 * private Y.Doc that carries the client's own clientID, so each message is a real Yjs
 * update with consecutive clocks: edit 0 creates the client's card (through the board
 * accessors in shared/doc/swot-board.ts), every later edit appends a marker to the card's
 * text. A card is started afresh when its text would pass the card length limit, as the
 * real client enforces. Only the 12 time digits are written at send time.
 */
import * as Y from 'yjs';
import { Limits } from '@shared/constants';
import { syncUpdateMessage } from '@shared/protocol/messages';
import { SWOT_QUADRANTS, addCard, cardText, type CardAuthor } from '@shared/doc/swot-board';
import { MARKER_LENGTH, MARKER_TIME_OFFSET, markerText } from './markers';

export interface ScriptedEdit {
  /** Sequence number in the marker (0 = the card-creating prelude edit). */
  seq: number;
  /** The whole y-websocket message (sync/update); its time digits are patched when sent. */
  message: Buffer;
  /** Offset of the time digits inside `message`. */
  timeOffset: number;
  /** This client's clock after the edit: the server has stored it once its "saved" reaches this. */
  endClock: number;
}

export interface EditScript {
  clientId: number;
  sender: number;
  /** Ids of the cards this client writes into (the first one is created by edit 0). */
  cardIds: string[];
  edits: ScriptedEdit[];
}

/**
 * Builds `edits + 1` messages for one client: edit 0 creates a card, edits 1..edits append
 * one marker each.
 */
export function buildEditScript(options: {
  clientId: number;
  sender: number;
  edits: number;
  author: CardAuthor;
}): EditScript {
  const doc = new Y.Doc();
  doc.clientID = options.clientId;
  const quadrant = SWOT_QUADRANTS[options.sender % SWOT_QUADRANTS.length] ?? 'strengths';
  let captured: Uint8Array | null = null;
  doc.on('update', (u: Uint8Array) => {
    captured = captured ? Y.mergeUpdates([captured, u]) : u;
  });
  const cardIds: string[] = [];
  const edits: ScriptedEdit[] = [];
  // Stay clear of the limit: the server truncates longer texts with an edit of its own.
  const maxChars = Limits.cardTextMax - 100 - MARKER_LENGTH;
  let cardId = '';

  for (let seq = 0; seq <= options.edits; seq++) {
    captured = null;
    const marker = markerText(options.sender, seq);
    const text = cardId ? cardText(doc, cardId) : undefined;
    if (!text || text.length > maxChars) {
      cardId = addCard(doc, { quadrant, author: options.author, text: marker });
      cardIds.push(cardId);
    } else {
      text.insert(text.length, marker);
    }
    if (captured === null) throw new Error('edit produced no update');
    const message = Buffer.from(syncUpdateMessage(captured));
    const at = message.indexOf(marker);
    if (at === -1) throw new Error('marker not found in the encoded update');
    edits.push({
      seq,
      message,
      timeOffset: at + MARKER_TIME_OFFSET,
      endClock: Y.getState(doc.store, doc.clientID),
    });
  }
  doc.destroy();
  return { clientId: options.clientId, sender: options.sender, cardIds, edits };
}
