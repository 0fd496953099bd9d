/**
 * The meeting's conclusions (Kết luận) as a live shared text: a board session on the
 * meeting's conclusions document (`<meetingId>/conclusions`), so it gets the same offline
 * cache, reconnects and "saved" confirmation as a board. Written by the facilitator and the
 * secretary; the server refuses anyone else's writes, and the interface shows it read-only.
 */
import * as Y from 'yjs';
import { computed, type MaybeRefOrGetter, type Ref, toValue } from 'vue';
import { applyTextDiff } from '@shared/doc/text-diff';
import { conclusionsRoomName, conclusionsText } from '@shared/doc/conclusions';
import {
  useBoardSession,
  type BoardSession,
  type BoardSessionKind,
} from '@client/boards/useBoardSession';

const CONCLUSIONS_KIND: BoardSessionKind = {
  createUndoManager: (doc, origin) =>
    new Y.UndoManager(conclusionsText(doc), {
      trackedOrigins: new Set([origin]),
      captureTimeout: 500,
    }),
  hasContent: () => true,
};

export interface UseConclusionsOptions {
  meetingId: MaybeRefOrGetter<string | null>;
  token: MaybeRefOrGetter<string | null>;
  /** Facilitator or secretary: may write. */
  canWrite: MaybeRefOrGetter<boolean>;
}

export interface Conclusions {
  session: BoardSession;
  /** The current text (re-read on every change). */
  value: Readonly<Ref<string>>;
  /** The shared text, for caret-preserving binding. */
  text: () => Y.Text | undefined;
  /** Applies the textarea's new value. */
  edit: (next: string) => void;
}

export function useConclusions(options: UseConclusionsOptions): Conclusions {
  const session = useBoardSession({
    room: () => {
      const id = toValue(options.meetingId);
      return id === null ? null : conclusionsRoomName(id);
    },
    kind: CONCLUSIONS_KIND,
    token: options.token,
    readonly: () => !toValue(options.canWrite),
  });
  const value = computed(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return doc ? conclusionsText(doc).toString() : '';
  });
  return {
    session,
    value,
    text: () => (session.doc.value ? conclusionsText(session.doc.value) : undefined),
    edit: (next) => session.type('conclusions', (doc) => applyTextDiff(conclusionsText(doc), next)),
  };
}
