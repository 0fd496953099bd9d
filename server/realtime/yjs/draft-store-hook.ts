/**
 * A document store that reports each stored update of a private draft, so its card count
 * is recounted (the facilitator sees counts, never content). It wraps the store the rooms
 * write to instead of adding a hook to `DocRoom`, which knows no drafts. Everything else
 * (options such as `serverWrite`, group-committed batches) passes through unchanged.
 */
import { parseDraftDocId } from '@shared/facilitation/drafts';
import type { DocumentStore } from '../../storage/storage';
import type { UpdateLogStore } from '../../storage/update-log-store';

export function withDraftHook(
  store: DocumentStore & UpdateLogStore,
  onDraftStored: (boardId: string, participantId: string) => void,
): DocumentStore & UpdateLogStore {
  const report = (docId: string): void => {
    const draft = parseDraftDocId(docId);
    if (draft) onDraftStored(draft.boardId, draft.participantId);
  };
  return {
    appendUpdate: async (docId, update, participantId, createdAt, options) => {
      const seq = await store.appendUpdate(docId, update, participantId, createdAt, options);
      report(docId);
      return seq;
    },
    appendUpdates: async (docId, rows) => {
      const result = await store.appendUpdates(docId, rows);
      if (rows.length > 0) report(docId);
      return result;
    },
    loadDocument: (docId) => store.loadDocument(docId),
    saveSnapshot: (docId, state, uptoSeq) => store.saveSnapshot(docId, state, uptoSeq),
    listUpdates: (docId, afterSeq, limit) => store.listUpdates(docId, afterSeq, limit),
  };
}
