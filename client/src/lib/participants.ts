/**
 * Pure helpers for the facilitator's participant list: the HTTP list (everyone who joined)
 * merged with the live presence slice (who is connected now), grouped by department.
 */
import type { ParticipantInfo } from '@shared/schemas/http';
import type { PresenceEntry } from '@shared/schemas/socket';

/** One person in the facilitator's list. */
export interface ParticipantRow {
  participantId: string;
  name: string;
  department: string | null;
  role: ParticipantInfo['role'];
  /** Connected to the meeting right now (has a presence entry). */
  online: boolean;
}

/** People of one department (or, with `department: null`, people without one). */
export interface ParticipantGroup {
  key: string;
  department: string | null;
  rows: ParticipantRow[];
  online: number;
}

/**
 * Everyone in `list`, marked online when they have a presence entry. Presence is pushed live,
 * so for connected people its name, department and role win over the fetched list; people
 * in presence but not yet in the list (joined after it was fetched) are added. Observers
 * (projector screens) are not participants and are left out; `removed` ids are left out
 * even while a late presence slice still names them.
 */
export function mergeParticipants(
  list: readonly ParticipantInfo[],
  presence: readonly PresenceEntry[],
  removed: ReadonlySet<string> = new Set(),
): ParticipantRow[] {
  const rows = new Map<string, ParticipantRow>();
  for (const p of list) {
    if (removed.has(p.participantId)) continue;
    rows.set(p.participantId, {
      participantId: p.participantId,
      name: p.name,
      department: p.department,
      role: p.role,
      online: false,
    });
  }
  for (const entry of presence) {
    if (entry.role === 'observer' || removed.has(entry.participantId)) continue;
    rows.set(entry.participantId, {
      participantId: entry.participantId,
      name: entry.name,
      department: entry.department,
      role: entry.role,
      online: true,
    });
  }
  return [...rows.values()];
}

/** Presence names someone the fetched list does not know yet: time to fetch it again. */
export function hasUnknownParticipant(
  list: readonly ParticipantInfo[],
  presence: readonly PresenceEntry[],
): boolean {
  const known = new Set(list.map((p) => p.participantId));
  return presence.some((e) => e.role !== 'observer' && !known.has(e.participantId));
}

/**
 * Rows grouped by department, in the meeting's department order (departments the meeting
 * no longer lists follow, alphabetically), people without a department last. Within a group
 * facilitators come first, then names in Vietnamese order.
 */
export function groupParticipants(
  rows: readonly ParticipantRow[],
  departments: readonly string[],
): ParticipantGroup[] {
  const groups = new Map<string, ParticipantGroup>();
  for (const row of rows) {
    const key = row.department === null ? 'none' : `d:${row.department}`;
    let group = groups.get(key);
    if (!group) {
      group = { key, department: row.department, rows: [], online: 0 };
      groups.set(key, group);
    }
    group.rows.push(row);
    if (row.online) group.online++;
  }
  const order = new Map(departments.map((d, i) => [d, i]));
  const rank = (g: ParticipantGroup): number =>
    g.department === null
      ? Number.MAX_SAFE_INTEGER
      : (order.get(g.department) ?? departments.length);
  const list = [...groups.values()];
  for (const group of list) {
    group.rows.sort(
      (a, b) =>
        (a.role === 'facilitator' ? 0 : 1) - (b.role === 'facilitator' ? 0 : 1) ||
        a.name.localeCompare(b.name, 'vi'),
    );
  }
  return list.sort(
    (a, b) => rank(a) - rank(b) || (a.department ?? '').localeCompare(b.department ?? '', 'vi'),
  );
}
