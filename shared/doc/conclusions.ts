/**
 * The conclusions document of a meeting (Kết luận): one Y.Doc per meeting, written together
 * during the meeting by the facilitator and the secretary, reached through the y-websocket
 * endpoint as `/yjs/<meetingId>/conclusions`.
 *
 * Layout (schema version 1):
 *   meta: Y.Map { schemaVersion: 1, kind: 'conclusions' }
 *   text: Y.Text  the conclusions, plain text with line breaks
 */
import type * as Y from 'yjs';
import { ID_PATTERN } from '../ids';

export const CONCLUSIONS_SCHEMA_VERSION = 1;

/** Suffix of the document name after the meeting id. */
export const CONCLUSIONS_SUFFIX = '/conclusions';

/** Longest conclusions text, in characters. */
export const CONCLUSIONS_TEXT_MAX = 50_000;

/** The y-websocket room name of a meeting's conclusions. */
export function conclusionsRoomName(meetingId: string): string {
  return `${meetingId}${CONCLUSIONS_SUFFIX}`;
}

/** The meeting id in a conclusions room name, or null for any other name. */
export function meetingOfConclusionsRoom(name: string): string | null {
  if (!name.endsWith(CONCLUSIONS_SUFFIX)) return null;
  const id = name.slice(0, -CONCLUSIONS_SUFFIX.length);
  return ID_PATTERN.test(id) ? id : null;
}

/** The conclusions text. Observe it to re-render. */
export function conclusionsText(doc: Y.Doc): Y.Text {
  return doc.getText('text');
}

/** Reads the conclusions as a string. */
export function readConclusions(doc: Y.Doc): string {
  return conclusionsText(doc).toString();
}
