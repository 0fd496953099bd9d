/**
 * The commune-proposals view of a board session: live proposals, grouped by commune or by
 * sector with counts and total cost, and the proposal operations as undoable edits.
 */
import { computed, ref, toValue, type MaybeRefOrGetter } from 'vue';
import type * as Y from 'yjs';
import {
  addProposal as addProposalToDoc,
  createProposalsUndoManager,
  deleteProposal as deleteProposalInDoc,
  editProposalTitle,
  groupProposals,
  listProposals,
  proposalTitle,
  proposalsMap,
  PROPOSALS_SCHEMA_VERSION,
  updateProposal,
  type ProposalFields,
  type ProposalView,
} from '@shared/doc/commune-proposals';
import { docSchemaVersion } from '@shared/doc/fields';
import type { BoardSession, BoardSessionKind } from '../useBoardSession';

export const proposalsSessionKind: BoardSessionKind = {
  createUndoManager: createProposalsUndoManager,
  hasContent: (doc: Y.Doc) =>
    docSchemaVersion(doc) === PROPOSALS_SCHEMA_VERSION || proposalsMap(doc).size > 0,
};

export function proposalItemLabel(doc: Y.Doc, id: string): string | null {
  return proposalTitle(doc, id)?.toString() ?? null;
}

export function useProposals(options: {
  session: BoardSession;
  author: MaybeRefOrGetter<{ id: string; name: string; department: string } | null>;
}) {
  const { session } = options;
  const proposals = computed<ProposalView[]>(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return doc ? listProposals(doc) : [];
  });
  const groupBy = ref<'commune' | 'sector'>('commune');
  const groups = computed(() => groupProposals(proposals.value, groupBy.value));
  const totalCost = computed(() => proposals.value.reduce((a, p) => a + (p.cost ?? 0), 0));

  return {
    proposals,
    groupBy,
    groups,
    totalCost,
    add: (commune: string) => {
      const author = toValue(options.author);
      if (!author) return null;
      return session.change((doc) => addProposalToDoc(doc, { author, commune }));
    },
    editTitle: (id: string, value: string) =>
      session.type(`${id}:title`, (doc) => editProposalTitle(doc, id, value)),
    titleOf: (id: string) => {
      const doc = session.doc.value;
      return doc ? proposalTitle(doc, id) : undefined;
    },
    update: (id: string, fields: ProposalFields) =>
      void session.change((doc) => updateProposal(doc, id, fields)),
    remove: (id: string) => void session.change((doc) => deleteProposalInDoc(doc, id)),
  };
}

export type Proposals = ReturnType<typeof useProposals>;
