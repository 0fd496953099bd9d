/**
 * A `DocumentStore` that reports each stored update of a private draft, so its card count
 * is recounted (the facilitator sees counts, never content). It wraps the store the rooms
 * write to instead of adding a hook to `DocRoom`, which knows no drafts.
 */
import { parseDraftDocId } from '@shared/facilitation/drafts';
import type { DocumentStore } from '../../storage/storage';

export function withDraftHook(
  store: DocumentStore,
  onDraftStored: (boardId: string, participantId: string) => void,
): DocumentStore {
  return {
    appendUpdate: async (docId, update, participantId, createdAt) => {
      const seq = await store.appendUpdate(docId, update, participantId, createdAt);
      const draft = parseDraftDocId(docId);
      if (draft) onDraftStored(draft.boardId, draft.participantId);
      return seq;
    },
    loadDocument: (docId) => store.loadDocument(docId),
    saveSnapshot: (docId, state, uptoSeq) => store.saveSnapshot(docId, state, uptoSeq),
    listUpdates: (docId, afterSeq, limit) => store.listUpdates(docId, afterSeq, limit),
  };
}
