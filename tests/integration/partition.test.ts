/**
 * Partition (issue 4, "Partition test"): two groups of real clients edit the same board;
 * group B reaches the server through a TCP proxy whose link is cut for a while, a real
 * network cut that the clients notice and recover from by themselves. Both groups keep
 * typing into the same cards and moving the same cards while cut off; after the link heals
 * every replica converges to the same document with every character each side typed.
 *
 * Each typist inserts whole tokens ("a1.7|") at token boundaries of its local text, so a
 * token is never split by anyone else's insert: the final text of a card, cut at "|", must
 * be exactly the multiset of tokens typed into it (nothing lost, nothing doubled).
 *
 * Each phase lasts until a fixed number of tokens was typed in it (and, for the cut, until
 * group B has tried to reconnect), never a fixed time: a slow machine types slower, not less.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  SWOT_QUADRANTS,
  addCard,
  allCards,
  boardView,
  cardText,
  moveCard,
  type CardAuthor,
  type Quadrant,
} from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { createRng, seedFromEnv, type Rng } from '../support/prng';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy';
import { waitFor } from '../support/wait-for';
import type { TestDocClient } from '../support/yjs-client';

const SEED = seedFromEnv(4002);
/** Tokens typed by everyone in the connected and healed phases, and by each group during the cut. */
const TOKENS_CONNECTED = 20;
const TOKENS_PER_GROUP_CUT = 15;
const TOKENS_HEALED = 20;
/** Guards against a hang only. */
const PHASE_CAP_MS = 60_000;

const fx = useBoardFixture();
let proxy: TcpProxy | null = null;

afterEach(async () => {
  await proxy?.close();
  proxy = null;
});

/** Paces the simulated typing; never used to wait for a result. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

type Phase = 'connected' | 'cut' | 'healed';

class Typist {
  private n = 0;
  /** Tokens typed, per card, with the phase they were typed in. */
  readonly typed: { cardId: string; token: string; phase: Phase }[] = [];
  readonly created: string[] = [];
  readonly moves: { cardId: string; quadrant: Quadrant; phase: Phase }[] = [];

  constructor(
    readonly name: string,
    readonly group: 'A' | 'B',
    readonly client: TestDocClient,
    private readonly author: CardAuthor,
    private readonly rng: Rng,
  ) {}

  get doc(): Y.Doc {
    return this.client.doc;
  }

  type(cardId: string, phase: Phase): void {
    const text = cardText(this.doc, cardId);
    if (!text) throw new Error(`${this.name}: no card ${cardId}`);
    const current = text.toString();
    const boundaries = [0];
    for (let i = 0; i < current.length; i++) if (current[i] === '|') boundaries.push(i + 1);
    const token = `${this.name}.${this.n++}|`;
    text.insert(this.rng.pick(boundaries), token);
    this.typed.push({ cardId, token, phase });
  }

  add(phase: Phase): void {
    const id = addCard(this.doc, {
      quadrant: this.rng.pick(SWOT_QUADRANTS),
      author: this.author,
      text: '',
      index: this.rng.int(4),
    });
    this.created.push(id);
    this.type(id, phase);
  }

  move(cardId: string, phase: Phase, quadrant: Quadrant = this.rng.pick(SWOT_QUADRANTS)): void {
    moveCard(this.doc, cardId, quadrant, this.rng.int(5));
    this.moves.push({ cardId, quadrant, phase });
  }

  /** One random edit: mostly typing into the shared cards, sometimes into its own. */
  step(shared: readonly string[], phase: Phase): void {
    const r = this.rng.next();
    if (r < 0.5) this.type(this.rng.pick(shared), phase);
    else if (r < 0.65 && this.created.length > 0) this.type(this.rng.pick(this.created), phase);
    else if (r < 0.8 && this.created.length < 5) this.add(phase);
    else this.move(this.rng.pick(shared), phase);
  }
}

function tokensOf(text: string): string[] {
  return text
    .split('|')
    .slice(0, -1)
    .map((t) => `${t}|`)
    .sort();
}

describe('a network partition between two groups of clients', () => {
  it('both sides keep editing the same cards; after the cut heals all converge with every edit', async () => {
    const seed = `seed ${SEED} (rerun with SEED=${SEED})`;
    const server = await fx.start();
    proxy = await startTcpProxy(server.port);
    const api = fx.api;
    const { view, participants } = await meetingWithParticipants(api, 6);
    const boardId = view.boards[2]!.id;
    const typists = participants.map((p, i) => {
      const group = i < 3 ? 'A' : 'B';
      const c = fx.open(boardId, p.token, group === 'A' ? server.wsUrl : proxy!.wsUrl);
      const author = {
        id: p.participantId,
        name: `Đại biểu ${i + 1}`,
        department: view.departments[0]!,
      };
      return new Typist(
        `${group.toLowerCase()}${i % 3}`,
        group,
        c,
        author,
        createRng(SEED * 10 + i),
      );
    });
    const groupA = typists.filter((t) => t.group === 'A');
    const groupB = typists.filter((t) => t.group === 'B');
    await Promise.all(typists.map((t) => t.client.waitSynced()));
    expect(proxy.forwarded).toBe(3);

    // Three cards everybody will fight over.
    const first = typists[0]!;
    const shared = [0, 1, 2].map(() => {
      first.add('connected');
      return first.created.pop()!;
    });
    await waitFor(() => {
      for (const t of typists)
        expect(
          allCards(t.doc)
            .map((c) => c.id)
            .sort(),
        ).toEqual([...shared].sort());
    });

    let phase: Phase = 'connected';
    let editing = true;
    const loops = typists.map(async (t, i) => {
      const rng = createRng(SEED * 31 + i);
      while (editing) {
        t.step(shared, phase);
        await pause(rng.range(60, 160));
      }
    });
    const typedIn = (group: Typist[], p: Phase): number =>
      group.reduce((n, t) => n + t.typed.filter((x) => x.phase === p).length, 0);
    const untilTyped = (what: string, check: () => void): Promise<void> =>
      waitFor(() => check(), { timeout: PHASE_CAP_MS }).catch((err: unknown) => {
        throw new Error(`${what}: ${String(err)}`);
      });
    await untilTyped('connected phase', () =>
      expect(typedIn(typists, 'connected')).toBeGreaterThanOrEqual(TOKENS_CONNECTED),
    );

    proxy.cut();
    phase = 'cut';
    await waitFor(() =>
      expect(groupB.filter((t) => t.client.provider.wsconnected)).toHaveLength(0),
    );
    // Both sides type into every shared card and move every shared card, to different places.
    for (const id of shared) {
      for (const t of [groupA[0]!, groupB[0]!]) t.type(id, 'cut');
      groupA[1]!.move(id, 'cut', 'weaknesses');
      groupB[1]!.move(id, 'cut', 'threats');
    }
    await untilTyped('cut', () => {
      expect(typedIn(groupA, 'cut')).toBeGreaterThanOrEqual(TOKENS_PER_GROUP_CUT);
      expect(typedIn(groupB, 'cut')).toBeGreaterThanOrEqual(TOKENS_PER_GROUP_CUT);
      expect(proxy!.refused, 'group B tried to reconnect').toBeGreaterThan(0);
    });

    // The cut was real: neither side has seen anything the other typed during it.
    const cutTokens = (group: Typist[]): string[] =>
      group.flatMap((t) => t.typed.filter((x) => x.phase === 'cut').map((x) => x.token));
    const seenBy = (group: Typist[], tokens: string[]): string[] => {
      const texts = group.flatMap((t) => allCards(t.doc).map((c) => c.text)).join('');
      return tokens.filter((token) => texts.includes(token));
    };
    expect(seenBy(groupB, cutTokens(groupA))).toEqual([]);
    expect(seenBy(groupA, cutTokens(groupB))).toEqual([]);
    expect(proxy.refused, 'group B kept trying to reconnect during the cut').toBeGreaterThan(0);

    proxy.restore();
    phase = 'healed';
    await waitFor(() => expect(groupB.filter((t) => !t.client.provider.synced)).toHaveLength(0), {
      timeout: PHASE_CAP_MS,
    });
    const healedFrom = typedIn(typists, 'healed');
    await untilTyped('healed phase', () =>
      expect(typedIn(typists, 'healed')).toBeGreaterThanOrEqual(healedFrom + TOKENS_HEALED),
    );
    editing = false;
    await Promise.all(loops);

    await Promise.all(typists.map((t) => t.client.waitSaved(PHASE_CAP_MS)));
    await waitFor(() => {
      const sv = Y.encodeStateVector(typists[0]!.doc);
      for (const t of typists) expect(Y.encodeStateVector(t.doc)).toEqual(sv);
    });
    const fresh = fx.open(boardId, participants[0]!.token);
    await fresh.waitSynced();
    const want = boardView(fresh.doc);
    for (const t of typists) expect(boardView(t.doc), `${t.name}, ${seed}`).toEqual(want);

    // Only group B was cut off, and it came back on its own.
    for (const t of groupA) expect(t.client.closes, t.name).toEqual([]);
    for (const t of groupB) expect(t.client.closes.length, t.name).toBeGreaterThan(0);

    // Every token typed by anyone, on either side of the cut, is in its card exactly once.
    const cards = allCards(fresh.doc);
    const created = typists.flatMap((t) => t.created);
    expect(cards.map((c) => c.id).sort()).toEqual([...shared, ...created].sort());
    for (const card of cards) {
      const typed = typists
        .flatMap((t) => t.typed.filter((x) => x.cardId === card.id).map((x) => x.token))
        .sort();
      expect(tokensOf(card.text), `text of ${card.id}, ${seed}`).toEqual(typed);
      expect(card.deleted).toBe(false);
    }
    for (const group of [groupA, groupB]) {
      const typedDuringCut = cutTokens(group);
      expect(typedDuringCut.length).toBeGreaterThanOrEqual(TOKENS_PER_GROUP_CUT);
    }
    // Each shared card, moved by both sides at once, ends in one place somebody chose.
    for (const id of shared) {
      const chosen = new Set(
        typists.flatMap((t) => t.moves.filter((m) => m.cardId === id).map((m) => m.quadrant)),
      );
      const card = cards.find((c) => c.id === id)!;
      expect([...chosen]).toContain(card.quadrant);
    }
  });
});
