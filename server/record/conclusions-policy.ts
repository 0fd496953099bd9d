/**
 * What the room of a meeting's conclusions enforces: one long text, bounded by
 * CONCLUSIONS_TEXT_MAX. Like the boards' limits, a breach is answered with a correcting edit
 * that every replica receives.
 */
import { CONCLUSIONS_TEXT_MAX, conclusionsText } from '@shared/doc/conclusions';
import type { DocumentPolicy } from '../realtime/yjs/board-policy';

export const conclusionsPolicy: DocumentPolicy = {
  prepare: (doc) => {
    // Defined before any update arrives, so `transaction.changed` reports it by this object.
    conclusionsText(doc);
  },
  enforce: (doc, transaction, origin) => {
    const text = conclusionsText(doc);
    // `changed` is keyed by the types Yjs knows as abstract; the text is one of them.
    const changed = transaction.changed as Map<unknown, unknown>;
    if (!changed.has(text) || text.length <= CONCLUSIONS_TEXT_MAX) return false;
    doc.transact(
      () => text.delete(CONCLUSIONS_TEXT_MAX, text.length - CONCLUSIONS_TEXT_MAX),
      origin,
    );
    return true;
  },
};
