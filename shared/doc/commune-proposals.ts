/**
 * The commune-proposals document schema (one Y.Doc per board of kind 'proposals'): phase 2 of
 * district planning, where each commune's representative enters the commune's proposals and
 * departments take them into their sector and into the district's priority list.
 *
 * Layout of the document (schema version 1):
 *
 *   meta:      Y.Map  { schemaVersion: number, kind: 'proposals' }     written once by the server
 *   proposals: Y.Map<proposalId, Y.Map> where each proposal map holds
 *                id:            string
 *                title:         Y.Text   merged per character
 *                commune:       string   the commune (xã / thị trấn) proposing it
 *                sector:        string   the department (sector) it is assigned to; '' until assigned
 *                cost:          number | null   estimated cost in VND
 *                beneficiaries: number | null   people who benefit
 *                order:         string   fractional key (shared/doc/ordering.ts), sorted with id
 *                authorId, authorName, department: string   who entered it
 *                createdAt:     number
 *                deleted:       boolean  soft delete
 *                promotedTo:    Y.Array<{ boardId, id }>   priority items made from it (server-written)
 */
import * as Y from 'yjs';
import { randomId } from '../ids';
import {
  amountField,
  writeDocHeader,
  listField,
  pushToList,
  sameLink,
  strField,
  toAmount,
  type EntryMap,
} from './fields';
import { readPromotionLink, type PromotionLink } from './links';
import { compareOrdered, isOrderKey, keyForIndex } from './ordering';
import { applyTextDiff } from './text-diff';

export const PROPOSALS_SCHEMA_VERSION = 1;

/** Who entered a proposal. */
export interface ProposalAuthor {
  id: string;
  name: string;
  department: string;
}

export interface ProposalView {
  id: string;
  title: string;
  commune: string;
  sector: string;
  cost: number | null;
  beneficiaries: number | null;
  order: string;
  author: ProposalAuthor;
  createdAt: number;
  deleted: boolean;
  promotedTo: PromotionLink[];
}

/** Plain fields of a proposal a person may set (title is text, edited with `editProposalTitle`). */
export type ProposalFields = Partial<
  Pick<ProposalView, 'commune' | 'sector' | 'cost' | 'beneficiaries'>
>;

const PROPOSALS = 'proposals';

export function initProposalsDoc(doc: Y.Doc): void {
  doc.transact(() => {
    writeDocHeader(doc, 'proposals', PROPOSALS_SCHEMA_VERSION);
  });
}

/** The root map of proposals. Observe it (deep) to re-render. */
export function proposalsMap(doc: Y.Doc): Y.Map<EntryMap> {
  return doc.getMap(PROPOSALS);
}

function proposalMap(doc: Y.Doc, id: string): EntryMap | undefined {
  const p = proposalsMap(doc).get(id);
  return p instanceof Y.Map ? p : undefined;
}

export function readProposal(id: string, map: EntryMap): ProposalView | null {
  const order = map.get('order');
  const title = map.get('title');
  if (!isOrderKey(order) || !(title instanceof Y.Text)) return null;
  const createdAt = map.get('createdAt');
  return {
    id,
    title: title.toString(),
    commune: strField(map, 'commune'),
    sector: strField(map, 'sector'),
    cost: amountField(map, 'cost'),
    beneficiaries: amountField(map, 'beneficiaries'),
    order,
    author: {
      id: strField(map, 'authorId'),
      name: strField(map, 'authorName'),
      department: strField(map, 'department'),
    },
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    deleted: map.get('deleted') === true,
    promotedTo: listField(map, 'promotedTo', readPromotionLink),
  };
}

/** The live proposals in board order. */
export function listProposals(doc: Y.Doc): ProposalView[] {
  const out: ProposalView[] = [];
  proposalsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const p = readProposal(id, map);
    if (p && !p.deleted) out.push(p);
  });
  return out.sort(compareOrdered);
}

/** One proposal by id (deleted ones included), or undefined. */
export function getProposal(doc: Y.Doc, id: string): ProposalView | undefined {
  const map = proposalMap(doc, id);
  return (map && readProposal(id, map)) ?? undefined;
}

export interface NewProposal extends ProposalFields {
  author: ProposalAuthor;
  title?: string;
  commune: string;
  id?: string;
  createdAt?: number;
}

export function addProposal(doc: Y.Doc, input: NewProposal, origin: unknown = null): string {
  const id = input.id ?? randomId();
  const list = listProposals(doc);
  const order = keyForIndex(list, list.length);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('title', new Y.Text(input.title ?? ''));
    map.set('commune', input.commune);
    map.set('sector', input.sector ?? '');
    map.set('cost', toAmount(input.cost));
    map.set('beneficiaries', toAmount(input.beneficiaries));
    map.set('order', order);
    map.set('authorId', input.author.id);
    map.set('authorName', input.author.name);
    map.set('department', input.author.department);
    map.set('createdAt', input.createdAt ?? Date.now());
    map.set('deleted', false);
    proposalsMap(doc).set(id, map);
  }, origin);
  return id;
}

export function proposalTitle(doc: Y.Doc, id: string): Y.Text | undefined {
  const t = proposalMap(doc, id)?.get('title');
  return t instanceof Y.Text ? t : undefined;
}

export function editProposalTitle(
  doc: Y.Doc,
  id: string,
  next: string,
  origin: unknown = null,
): void {
  const text = proposalTitle(doc, id);
  if (text) applyTextDiff(text, next, origin);
}

/** Sets plain fields (commune, sector assignment, cost, beneficiaries). */
export function updateProposal(
  doc: Y.Doc,
  id: string,
  fields: ProposalFields,
  origin: unknown = null,
): void {
  const map = proposalMap(doc, id);
  if (!map) return;
  doc.transact(() => {
    if (fields.commune !== undefined) map.set('commune', fields.commune);
    if (fields.sector !== undefined) map.set('sector', fields.sector);
    if (fields.cost !== undefined) map.set('cost', toAmount(fields.cost));
    if (fields.beneficiaries !== undefined)
      map.set('beneficiaries', toAmount(fields.beneficiaries));
  }, origin);
}

export function deleteProposal(doc: Y.Doc, id: string, origin: unknown = null): void {
  const map = proposalMap(doc, id);
  if (!map || map.get('deleted') === true) return;
  doc.transact(() => map.set('deleted', true), origin);
}

/** Records that the proposal was promoted to a priority item (server-side, on promotion). */
export function markProposalPromoted(
  doc: Y.Doc,
  id: string,
  link: PromotionLink,
  origin: unknown = null,
): void {
  const map = proposalMap(doc, id);
  if (!map) return;
  if (listField(map, 'promotedTo', readPromotionLink).some((l) => sameLink(l, link))) return;
  doc.transact(() => pushToList(map, 'promotedTo', { ...link }), origin);
}

/** One group of proposals (one commune, or one sector) with its count and total cost. */
export interface ProposalGroup {
  /** The commune or sector; '' for proposals not yet assigned to a sector. */
  key: string;
  count: number;
  /** Sum of the known costs, in VND. */
  totalCost: number;
  /** Proposals in the group without a cost (so a total is never read as complete when it is not). */
  withoutCost: number;
  beneficiaries: number;
  proposals: ProposalView[];
}

/**
 * Groups proposals by commune or by sector, groups sorted by name (Vietnamese collation), the
 * unassigned group ('') last; proposals keep their board order within a group.
 */
export function groupProposals(
  proposals: readonly ProposalView[],
  by: 'commune' | 'sector',
): ProposalGroup[] {
  const groups = new Map<string, ProposalGroup>();
  for (const p of proposals) {
    const key = p[by].trim();
    let g = groups.get(key);
    if (!g) {
      g = { key, count: 0, totalCost: 0, withoutCost: 0, beneficiaries: 0, proposals: [] };
      groups.set(key, g);
    }
    g.count++;
    if (p.cost === null) g.withoutCost++;
    else g.totalCost += p.cost;
    g.beneficiaries += p.beneficiaries ?? 0;
    g.proposals.push(p);
  }
  return [...groups.values()].sort((a, b) => {
    if (a.key === '' || b.key === '') return a.key === '' ? (b.key === '' ? 0 : 1) : -1;
    return a.key.localeCompare(b.key, 'vi');
  });
}

export function createProposalsUndoManager(doc: Y.Doc, localOrigin: unknown): Y.UndoManager {
  return new Y.UndoManager([proposalsMap(doc)], {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: 500,
  });
}
