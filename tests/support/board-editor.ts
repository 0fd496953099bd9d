/**
 * A scripted participant for crash and partition tests: makes random but plausible board
 * edits (add a card, type into one of its own cards, move a card) on a real client's Y.Doc
 * and keeps its own log of what it did, so a test can check the final document against what
 * every participant believes it wrote.
 *
 * Text is only ever typed into the participant's own cards, and only appended, so the final
 * text of each card is known exactly. Moves may touch anyone's card; a card that exactly one
 * participant moved must end where that participant last put it.
 */
import * as Y from 'yjs';
import {
  SWOT_QUADRANTS,
  addCard,
  allCards,
  cardText,
  cardsMap,
  editCardText,
  moveCard,
  readCard,
  type CardAuthor,
  type CardView,
  type Quadrant,
} from '@shared/doc/swot-board';
import type { Rng } from './prng';

/** Where a card was put, and the editor's Yjs clock just after (to compare with acks). */
export interface PlacedEntry {
  cardId: string;
  quadrant: Quadrant;
  order: string;
  clock: number;
  at: number;
}

export interface TextEntry {
  cardId: string;
  text: string;
  clock: number;
  at: number;
}

export interface EditorLog {
  editor: string;
  authorId: string;
  created: PlacedEntry[];
  /** Every text value this editor set on its own cards, in order. */
  texts: TextEntry[];
  moves: PlacedEntry[];
}

export interface BoardEditorOptions {
  /** Cards this editor creates at most. */
  maxCards: number;
  /** Probability that a move picks someone else's card. */
  moveOthers: number;
  /** Relative weights of the three kinds of edit once the editor has a card. */
  weights?: { add: number; type: number; move: number };
}

/** Letters typed into cards: Vietnamese with its diacritics, and spaces. */
const ALPHABET = 'aăâbcdđeêghiklmnoôơpqrstuưvxyáàảãạếềểễệốồổỗộớờởỡợứừửữự ';

export class BoardEditor {
  readonly log: EditorLog;
  /** Edits made, of every kind. */
  ops = 0;

  constructor(
    readonly name: string,
    readonly doc: Y.Doc,
    readonly boardId: string,
    private readonly author: CardAuthor,
    private readonly rng: Rng,
    private readonly options: BoardEditorOptions,
  ) {
    this.log = { editor: name, authorId: author.id, created: [], texts: [], moves: [] };
  }

  private clock(): number {
    return Y.getState(this.doc.store, this.doc.clientID);
  }

  private read(cardId: string): CardView {
    const map = cardsMap(this.doc).get(cardId);
    const card = map instanceof Y.Map ? readCard(cardId, map) : null;
    if (!card) throw new Error(`${this.name}: card ${cardId} is not readable in its own document`);
    return card;
  }

  /** One random edit. */
  step(): void {
    const own = this.log.created;
    const w = this.options.weights ?? { add: 3, type: 5, move: 2 };
    let kind: 'add' | 'type' | 'move';
    if (own.length === 0) kind = 'add';
    else {
      const canAdd = own.length < this.options.maxCards;
      const total = (canAdd ? w.add : 0) + w.type + w.move;
      const r = this.rng.next() * total;
      kind = canAdd && r < w.add ? 'add' : r < (canAdd ? w.add : 0) + w.type ? 'type' : 'move';
    }
    if (kind === 'add') this.add();
    else if (kind === 'type') this.type(this.rng.pick(own).cardId);
    else {
      const others = allCards(this.doc).filter((c) => !c.deleted && c.author.id !== this.author.id);
      const target =
        others.length > 0 && this.rng.chance(this.options.moveOthers)
          ? this.rng.pick(others).id
          : this.rng.pick(own).cardId;
      this.move(target);
    }
  }

  add(quadrant: Quadrant = this.rng.pick(SWOT_QUADRANTS)): string {
    const text = `${this.name}#${this.log.created.length}:`;
    const id = addCard(this.doc, { quadrant, author: this.author, text, index: this.rng.int(6) });
    const card = this.read(id);
    const at = Date.now();
    this.log.created.push({
      cardId: id,
      quadrant: card.quadrant,
      order: card.order,
      clock: this.clock(),
      at,
    });
    this.log.texts.push({ cardId: id, text, clock: this.clock(), at });
    this.ops++;
    return id;
  }

  type(cardId: string): void {
    const current = cardText(this.doc, cardId)?.toString() ?? '';
    let typed = '';
    for (let i = this.rng.range(1, 3); i > 0; i--) typed += this.rng.pick([...ALPHABET]);
    editCardText(this.doc, cardId, current + typed);
    const text = this.read(cardId).text;
    if (text !== current + typed)
      throw new Error(`${this.name}: typing into ${cardId} gave ${JSON.stringify(text)}`);
    this.log.texts.push({ cardId, text, clock: this.clock(), at: Date.now() });
    this.ops++;
  }

  move(cardId: string, quadrant: Quadrant = this.rng.pick(SWOT_QUADRANTS)): void {
    moveCard(this.doc, cardId, quadrant, this.rng.int(8));
    const card = this.read(cardId);
    this.log.moves.push({
      cardId,
      quadrant: card.quadrant,
      order: card.order,
      clock: this.clock(),
      at: Date.now(),
    });
    this.ops++;
  }
}

/**
 * Compares a board document with the logs of everyone who edited it, and lists every
 * difference (an empty list means every logged edit is there, once):
 * - exactly the logged cards exist (nothing lost, nothing invented), none deleted;
 * - each card has its author and the last text its author logged;
 * - a card nobody moved is where it was created; a card one editor moved is where that
 *   editor last put it; a card several editors moved is at one of the logged places.
 */
export function compareWithLogs(doc: Y.Doc, logs: readonly EditorLog[]): string[] {
  const problems: string[] = [];
  const cards = new Map(allCards(doc).map((c) => [c.id, c]));
  const unreadable = [...cardsMap(doc).keys()].filter((id) => !cards.has(id));
  if (unreadable.length > 0) problems.push(`unreadable cards: ${unreadable.join(', ')}`);

  const creators = new Map<string, EditorLog>();
  for (const log of logs) {
    for (const c of log.created) {
      if (creators.has(c.cardId)) problems.push(`card ${c.cardId} logged as created twice`);
      creators.set(c.cardId, log);
    }
  }
  for (const id of cards.keys()) {
    if (!creators.has(id))
      problems.push(
        `card ${id} (${JSON.stringify(cards.get(id)?.text)}) was never created by anyone`,
      );
  }

  const movesOf = new Map<string, { editor: string; entry: PlacedEntry }[]>();
  for (const log of logs) {
    for (const m of log.moves) {
      const list = movesOf.get(m.cardId) ?? [];
      list.push({ editor: log.editor, entry: m });
      movesOf.set(m.cardId, list);
    }
  }

  for (const [id, log] of creators) {
    const card = cards.get(id);
    if (!card) {
      problems.push(`card ${id} created by ${log.editor} is missing`);
      continue;
    }
    if (card.deleted) problems.push(`card ${id} is deleted`);
    if (card.author.id !== log.authorId)
      problems.push(`card ${id} has author ${card.author.id}, not ${log.authorId}`);
    const texts = log.texts.filter((t) => t.cardId === id);
    const expected = texts.at(-1)?.text;
    if (card.text !== expected) {
      problems.push(
        `card ${id} of ${log.editor}: text ${JSON.stringify(card.text)}, logged ${JSON.stringify(expected)}`,
      );
    }
    const created = log.created.find((c) => c.cardId === id);
    const moves = movesOf.get(id) ?? [];
    const movers = new Set(moves.map((m) => m.editor));
    const where = `${card.quadrant}/${card.order}`;
    if (movers.size === 0 && created) {
      const want = `${created.quadrant}/${created.order}`;
      if (where !== want)
        problems.push(`card ${id} nobody moved is at ${where}, created at ${want}`);
    } else if (movers.size === 1) {
      const last = moves.at(-1)?.entry;
      const want = last ? `${last.quadrant}/${last.order}` : '?';
      if (where !== want)
        problems.push(
          `card ${id} moved only by ${[...movers].join('')} is at ${where}, last put at ${want}`,
        );
    } else {
      const places = new Set(moves.map((m) => m.entry.quadrant));
      const orders = new Set(moves.map((m) => m.entry.order));
      if (!places.has(card.quadrant) || !orders.has(card.order)) {
        problems.push(
          `card ${id} moved by ${[...movers].join(', ')} is at ${where}, which nobody chose`,
        );
      }
    }
  }
  return problems;
}
