/**
 * Private writing (the silent brainstorm). While a SWOT board is private, participants' new
 * cards go to their own draft: a Yjs document per person and board (shared/facilitation/
 * drafts.ts) that reaches nobody else. The facilitator sees only how many cards each
 * department has drafted. Reveal copies every draft card onto the board in one write through
 * `BoardWriter` (apply → store → relay, recorded as the facilitator's), with each card's
 * author taken from the draft owner's participant record, then empties the drafts the same way.
 */
import type * as Y from 'yjs';
import { canFacilitate } from '@shared/domain';
import { draftDocId } from '@shared/facilitation/drafts';
import {
  addCard,
  allCards,
  cardsMap,
  deleteCard,
  initSwotDoc,
  schemaVersionOf,
  type CardView,
} from '@shared/doc/swot-board';
import type { DraftCounts, RevealResult } from '@shared/schemas/facilitation';
import type { BoardState } from '@shared/schemas/socket';
import type { BoardWriter } from '../realtime/yjs/board-writer';
import type { BoardRecord, ParticipantRecord, Storage } from '../storage/storage';
import { AppError } from './errors';
import type { MeetingEvents } from './meeting-events';
import { toBoardInfo, type AuthContext } from './meeting-service';

/** Who sees a board list: everyone gets the plain list, facilitators also the draft counts. */
export type BoardAudience = 'everyone' | 'facilitators';

function liveCards(doc: Y.Doc): CardView[] {
  return allCards(doc).filter((c) => !c.deleted);
}

export class DraftService {
  constructor(
    private readonly storage: Storage,
    private readonly writer: BoardWriter,
    private readonly events: MeetingEvents,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private async boardOf(auth: AuthContext, boardId: string): Promise<BoardRecord> {
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== auth.meetingId)
      throw new AppError('not_found', 'board not found');
    if (board.kind !== 'swot')
      throw new AppError('private_unsupported', 'private writing is for SWOT boards');
    return board;
  }

  /** The board list as `audience` sees it: private flags, and draft counts for facilitators. */
  async boardStates(meetingId: string, audience: BoardAudience): Promise<BoardState[]> {
    const boards = await this.storage.listBoards(meetingId);
    const people =
      audience === 'facilitators'
        ? new Map((await this.storage.listParticipants(meetingId)).map((p) => [p.id, p]))
        : null;
    return Promise.all(
      boards.map(async (b) => {
        const state: BoardState = { ...toBoardInfo(b), private: b.private };
        if (people) state.draftCounts = await this.draftCounts(b.id, people);
        return state;
      }),
    );
  }

  /** Draft cards per department ('' for people without one); departments with none are left out. */
  private async draftCounts(
    boardId: string,
    people: Map<string, ParticipantRecord>,
  ): Promise<DraftCounts> {
    const counts: DraftCounts = {};
    for (const d of await this.storage.listDrafts(boardId)) {
      if (d.cards === 0) continue;
      const department = people.get(d.participantId)?.department ?? '';
      counts[department] = (counts[department] ?? 0) + d.cards;
    }
    return counts;
  }

  async setPrivate(auth: AuthContext, boardId: string, on: boolean): Promise<void> {
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
    const board = await this.boardOf(auth, boardId);
    if (board.private === on) return;
    await this.storage.setBoardPrivate(boardId, on);
    this.events.emit('board-private', auth.meetingId, boardId, on);
    this.events.emit('boards-changed', auth.meetingId);
  }

  /**
   * The storage id of the caller's own draft of `boardId`, after checking they may have one
   * (observers have none), with the SWOT header written on first use.
   */
  async openDraft(auth: AuthContext, boardId: string): Promise<string> {
    if (auth.participantId === null) throw new AppError('forbidden', 'observers have no draft');
    await this.boardOf(auth, boardId);
    const docId = draftDocId(boardId, auth.participantId);
    await this.writer.write(docId, null, (doc) => {
      if (schemaVersionOf(doc) === 0) initSwotDoc(doc);
    });
    return docId;
  }

  /**
   * Records a draft's live card count after one of its updates was stored; facilitators
   * are told when it changed.
   */
  async recount(boardId: string, participantId: string): Promise<void> {
    const board = await this.storage.getBoard(boardId);
    if (!board) return;
    const cards = await this.writer.read(
      draftDocId(boardId, participantId),
      (doc) => liveCards(doc).length,
    );
    const changed = await this.storage.setDraftCount({
      boardId,
      participantId,
      cards,
      updatedAt: this.now(),
    });
    if (changed) this.events.emit('drafts-changed', board.meetingId);
  }

  /**
   * Puts every draft card of the board onto it in one write, authored by each draft's owner
   * as their participant record says, then empties the drafts and ends private mode. A card
   * keeps its id, so a reveal interrupted between the two writes and run again copies
   * nothing twice.
   */
  async reveal(auth: AuthContext, boardId: string): Promise<RevealResult> {
    if (!canFacilitate(auth.role) || auth.participantId === null)
      throw new AppError('forbidden', 'only the facilitator can do this');
    const actor = auth.participantId;
    const board = await this.boardOf(auth, boardId);
    const drafts = await this.storage.listDrafts(boardId);
    const collected: { owner: ParticipantRecord; cards: CardView[] }[] = [];
    for (const d of drafts) {
      const owner = await this.storage.getParticipant(d.participantId);
      if (!owner || owner.meetingId !== auth.meetingId) continue;
      const cards = await this.writer.read(draftDocId(boardId, d.participantId), liveCards);
      if (cards.length > 0) collected.push({ owner, cards });
    }
    const all = collected
      .flatMap(({ owner, cards }) => cards.map((card) => ({ owner, card })))
      .sort(
        (a, b) => a.card.createdAt - b.card.createdAt || a.card.order.localeCompare(b.card.order),
      );
    let revealed = 0;
    if (all.length > 0) {
      await this.writer.write(boardId, actor, (doc) => {
        const existing = cardsMap(doc);
        for (const { owner, card } of all) {
          if (existing.has(card.id)) continue;
          addCard(doc, {
            id: card.id,
            quadrant: card.quadrant,
            text: card.text,
            // The server's word, never the draft's: who owns the draft wrote the card.
            author: { id: owner.id, name: owner.name, department: owner.department ?? '' },
            createdAt: card.createdAt,
          });
          revealed++;
        }
      });
      for (const { owner, cards } of collected) {
        await this.writer.write(draftDocId(boardId, owner.id), actor, (doc) => {
          for (const card of cards) deleteCard(doc, card.id);
        });
      }
    }
    await this.storage.setBoardPrivate(boardId, false);
    this.events.emit('board-private', auth.meetingId, boardId, false);
    this.events.emit('boards-changed', auth.meetingId);
    // Each reveal is a snapshot of the record (issue 11), taken once the cards are on the board.
    this.events.emit('record-mark', auth.meetingId, {
      reason: 'reveal',
      label: board.title,
      boardId,
      participantId: actor,
      at: this.now(),
    });
    return { revealed };
  }
}
