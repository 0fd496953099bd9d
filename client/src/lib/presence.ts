/**
 * Pure helpers over the presence slice: grouping people by department for the presence bar,
 * and finding who is editing which card.
 */
import type { Role } from '@shared/domain';
import type { PresenceEntry } from '@shared/schemas/socket';

/** One group of the presence bar: a department, or a role for people without one. */
export interface PresenceGroup {
  key: string;
  department: string | null;
  role: Role | null;
  entries: PresenceEntry[];
}

const ROLE_ORDER: Record<Role, number> = { facilitator: 0, participant: 1, observer: 2 };

/**
 * One entry per participant (a person with two tabs open appears once, preferring the tab
 * where they are editing), grouped by department; people without a department are grouped
 * by role after the departments.
 */
export function groupPresence(entries: readonly PresenceEntry[]): PresenceGroup[] {
  const byParticipant = new Map<string, PresenceEntry>();
  for (const entry of entries) {
    const seen = byParticipant.get(entry.participantId);
    if (!seen || (seen.editingCardId === null && entry.editingCardId !== null)) {
      byParticipant.set(entry.participantId, entry);
    }
  }
  const groups = new Map<string, PresenceGroup>();
  for (const entry of byParticipant.values()) {
    const key = entry.department !== null ? `d:${entry.department}` : `r:${entry.role}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        department: entry.department,
        role: entry.department === null ? entry.role : null,
        entries: [],
      };
      groups.set(key, group);
    }
    group.entries.push(entry);
  }
  const list = [...groups.values()];
  for (const group of list) group.entries.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  return list.sort((a, b) => {
    if (a.department !== null && b.department !== null) {
      return a.department.localeCompare(b.department, 'vi');
    }
    if (a.department !== null) return -1;
    if (b.department !== null) return 1;
    return ROLE_ORDER[a.role ?? 'observer'] - ROLE_ORDER[b.role ?? 'observer'];
  });
}

/** Who else is editing each card of `boardId` right now. */
export function editorsByCard(
  entries: readonly PresenceEntry[],
  boardId: string | null,
  selfParticipantId: string | null,
): Map<string, PresenceEntry[]> {
  const map = new Map<string, PresenceEntry[]>();
  if (boardId === null) return map;
  for (const entry of entries) {
    if (entry.boardId !== boardId || entry.editingCardId === null) continue;
    if (selfParticipantId !== null && entry.participantId === selfParticipantId) continue;
    const list = map.get(entry.editingCardId) ?? [];
    if (!list.some((e) => e.participantId === entry.participantId)) list.push(entry);
    map.set(entry.editingCardId, list);
  }
  return map;
}

/** A short excerpt of a card's text for the presence bar. */
export function excerpt(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The excerpt of each item someone is editing on the open board, for "X is editing …".
 * Returns `previous` itself when every excerpt reads the same, so the presence list does not
 * re-render for a keystroke that leaves them as they were (typing past 40 characters, or in
 * a card nobody lists).
 */
export function editedItemExcerpts(
  entries: readonly PresenceEntry[],
  boardId: string | null,
  label: (itemId: string) => string | null,
  previous?: ReadonlyMap<string, string | null>,
): ReadonlyMap<string, string | null> {
  const next = new Map<string, string | null>();
  for (const e of entries) {
    if (boardId === null || e.boardId !== boardId || e.editingCardId === null) continue;
    if (next.has(e.editingCardId)) continue;
    const text = label(e.editingCardId);
    next.set(e.editingCardId, text === null ? null : excerpt(text));
  }
  const same =
    previous !== undefined &&
    previous.size === next.size &&
    [...next].every(([id, text]) => previous.has(id) && previous.get(id) === text);
  return same ? previous : next;
}
