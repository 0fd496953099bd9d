/**
 * Promotion of a SWOT card or a commune proposal into a priority list. Both writes go
 * through the `BoardWriter` (the one server-side write path): the new item is written into
 * the live list with the promoting participant as its author and a link to its source, then
 * the source is marked with a link to the item, so the record traces the item both ways.
 * Promoting the same source into the same list twice answers the item made the first time.
 */
import { canFacilitate, canWrite } from '@shared/domain';
import { getProposal, markProposalPromoted } from '@shared/doc/commune-proposals';
import type { SourceLink } from '@shared/doc/links';
import { addItem, itemFromSource } from '@shared/doc/priority-list';
import { getCard, markCardPromoted } from '@shared/doc/swot-board';
import { randomId } from '@shared/ids';
import type { BoardPromote } from '@shared/schemas/promotion';
import type { BoardWriter } from '../realtime/yjs/board-writer';
import type { BoardRecord, Storage } from '../storage/storage';
import { AppError } from './errors';
import type { AuthContext } from './meeting-service';

/** What the new item copies from its source. */
interface SourceContent {
  title: string;
  description: string;
  department: string;
  cost: number | null;
}

export class PromotionService {
  constructor(
    private readonly storage: Storage,
    private readonly writer: BoardWriter,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private async boardOf(auth: AuthContext, boardId: string): Promise<BoardRecord> {
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== auth.meetingId)
      throw new AppError('not_found', 'board not found');
    return board;
  }

  /** Promotes; resolves with the item's id. */
  async promote(auth: AuthContext, p: BoardPromote): Promise<{ itemId: string }> {
    if (!canWrite(auth.role) || auth.participantId === null)
      throw new AppError('forbidden', 'observers cannot promote');
    const actor = auth.participantId;
    const [from, to] = await Promise.all([
      this.boardOf(auth, p.fromBoardId),
      this.boardOf(auth, p.toBoardId),
    ]);
    if (to.kind !== 'priority')
      throw new AppError('board_kind_mismatch', 'promote into a priority list');
    if (from.kind !== 'swot' && from.kind !== 'proposals')
      throw new AppError('board_kind_mismatch', 'promote a SWOT card or a commune proposal');
    if (to.locked && !canFacilitate(auth.role))
      throw new AppError('board_locked', 'the list is locked');

    const source: SourceLink = {
      kind: from.kind === 'swot' ? 'swot' : 'proposal',
      boardId: from.id,
      id: p.sourceId,
    };
    const content = await this.writer.read(from.id, (doc): SourceContent | null => {
      if (from.kind === 'swot') {
        const card = getCard(doc, p.sourceId);
        return card && !card.deleted
          ? { title: card.text, description: '', department: card.author.department, cost: null }
          : null;
      }
      const proposal = getProposal(doc, p.sourceId);
      return proposal && !proposal.deleted
        ? {
            title: proposal.title,
            description: proposal.commune,
            department: proposal.sector || proposal.author.department,
            cost: proposal.cost,
          }
        : null;
    });
    if (!content) throw new AppError('not_found', 'no such card or proposal');

    let itemId = randomId();
    await this.writer.write(to.id, actor, (doc) => {
      const existing = itemFromSource(doc, source);
      if (existing) {
        itemId = existing.id;
        return;
      }
      addItem(doc, {
        id: itemId,
        author: { id: actor, name: auth.name },
        department: content.department || auth.department || '',
        title: content.title,
        description: content.description,
        cost: content.cost,
        sources: [source],
        createdAt: this.now(),
      });
    });
    const link = { boardId: to.id, id: itemId };
    await this.writer.write(from.id, actor, (doc) => {
      if (from.kind === 'swot') markCardPromoted(doc, p.sourceId, link);
      else markProposalPromoted(doc, p.sourceId, link);
    });
    return { itemId };
  }
}
