/**
 * A realistic stored history for the cold-load scenario: `count` separate updates from six
 * authors working on one SWOT board through the board accessors: cards created, typed into
 * one character per update (Vietnamese text), corrected with backspaces, moved and
 * occasionally deleted. Deterministic (seeded), so every target loads the same bytes.
 *
 * One Y.Doc plays all authors by switching its clientID between transactions, which gives
 * the interleaved multi-client structure a real session has without syncing six documents.
 */
import * as Y from 'yjs';
import {
  SWOT_QUADRANTS,
  addCard,
  allCards,
  cardText,
  deleteCard,
  moveCard,
  type CardAuthor,
} from '@shared/doc/swot-board';

const PHRASES = [
  'Nâng cao chất lượng khám chữa bệnh tuyến xã',
  'Thiếu giáo viên tiếng Anh ở các trường vùng cao',
  'Đường liên xã xuống cấp sau mùa mưa lũ',
  'Hợp tác xã chè có thương hiệu và thị trường ổn định',
  'Tỷ lệ hộ nghèo còn cao ở các xã đặc biệt khó khăn',
  'Chương trình nông thôn mới hỗ trợ vốn đầu tư hạ tầng',
  'Biến đổi khí hậu làm tăng nguy cơ sạt lở đất',
  'Đội ngũ cán bộ trẻ, nhiệt tình, được đào tạo bài bản',
];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface History {
  updates: Uint8Array[];
  /** The state vector after the last update: a client that has all of it has the board. */
  stateVector: Map<number, number>;
  cards: number;
  /** Size of the whole state as one update, bytes. */
  stateBytes: number;
}

export function buildHistory(count: number, seed = 20260913): History {
  const random = prng(seed);
  const doc = new Y.Doc();
  const authors: { clientId: number; author: CardAuthor }[] = Array.from({ length: 6 }, (_, i) => ({
    clientId: 1_000_000 + i * 7919,
    author: { id: `author-${i}`, name: `Đại biểu ${i + 1}`, department: `Phòng ${i + 1}` },
  }));
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  /** Per card: the phrase being typed and how far. */
  const typing = new Map<string, { phrase: string; at: number }>();
  let current = authors[0] as (typeof authors)[number];
  const live: string[] = [];

  while (updates.length < count) {
    // An author keeps the keyboard for a run of updates, as a person typing does.
    if (random() < 0.05) current = authors[Math.floor(random() * authors.length)] as typeof current;
    doc.clientID = current.clientId;
    const roll = random();
    if (live.length < 4 || roll < 0.012) {
      const quadrant = SWOT_QUADRANTS[Math.floor(random() * 4)] ?? 'strengths';
      const id = addCard(doc, {
        quadrant,
        author: current.author,
        createdAt: 1_790_000_000_000 + updates.length,
      });
      live.push(id);
      typing.set(id, { phrase: PHRASES[Math.floor(random() * PHRASES.length)] as string, at: 0 });
      continue;
    }
    const index = Math.floor(random() * live.length);
    const cardId = live[index] as string;
    if (roll < 0.016) {
      moveCard(doc, cardId, SWOT_QUADRANTS[Math.floor(random() * 4)] ?? 'strengths', 0);
    } else if (roll < 0.018 && live.length > 8) {
      deleteCard(doc, cardId);
      live.splice(index, 1);
    } else {
      const text = cardText(doc, cardId);
      if (!text) continue;
      if (random() < 0.06 && text.length > 0) {
        text.delete(text.length - 1, 1);
        continue;
      }
      let t = typing.get(cardId);
      if (!t || t.at >= t.phrase.length) {
        t = { phrase: `. ${PHRASES[Math.floor(random() * PHRASES.length)] as string}`, at: 0 };
        typing.set(cardId, t);
      }
      if (text.length >= 1800) continue;
      text.insert(text.length, t.phrase.charAt(t.at++));
    }
  }
  const stateVector = Y.decodeStateVector(Y.encodeStateVector(doc));
  const result: History = {
    updates,
    stateVector,
    cards: allCards(doc).length,
    stateBytes: Y.encodeStateAsUpdate(doc).byteLength,
  };
  doc.destroy();
  return result;
}
