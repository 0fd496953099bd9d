/**
 * Who is connected to each meeting, per socket, folded into one entry per person (someone
 * with two tabs open appears once, at the place they touched last).
 */
import type { PresenceEntry, PresenceSet } from '@shared/schemas/socket';
import type { AuthContext } from '../../services/meeting-service';

/** One socket's presence, as kept here or (with several instances) in Redis. */
export interface SocketPresence {
  key: string;
  auth: AuthContext;
  boardId: string | null;
  editingCardId: string | null;
  touchedAt: number;
}

export class PresenceTracker {
  /** meetingId → socketId → presence */
  private readonly meetings = new Map<string, Map<string, SocketPresence>>();
  private clock = 0;

  /** Adds a socket, or replaces who it speaks for (a role change) keeping where it is. */
  add(socketId: string, auth: AuthContext): void {
    let sockets = this.meetings.get(auth.meetingId);
    if (!sockets) {
      sockets = new Map();
      this.meetings.set(auth.meetingId, sockets);
    }
    const existing = sockets.get(socketId);
    if (existing) {
      existing.auth = auth;
      return;
    }
    sockets.set(socketId, {
      // Observers have no participant id: each observer screen is its own entry.
      key: auth.participantId ?? `observer:${socketId}`,
      auth,
      boardId: null,
      editingCardId: null,
      touchedAt: ++this.clock,
    });
  }

  update(meetingId: string, socketId: string, change: PresenceSet): boolean {
    const entry = this.meetings.get(meetingId)?.get(socketId);
    if (!entry) return false;
    if (entry.boardId === change.boardId && entry.editingCardId === change.editingCardId)
      return false;
    entry.boardId = change.boardId;
    entry.editingCardId = change.editingCardId;
    entry.touchedAt = ++this.clock;
    return true;
  }

  /** Updates the name/department shown for a participant on all their sockets. */
  rename(meetingId: string, participantId: string, name: string, department: string | null): void {
    for (const entry of this.meetings.get(meetingId)?.values() ?? []) {
      if (entry.auth.participantId === participantId)
        entry.auth = { ...entry.auth, name, department };
    }
  }

  remove(meetingId: string, socketId: string): void {
    const sockets = this.meetings.get(meetingId);
    if (!sockets) return;
    sockets.delete(socketId);
    if (sockets.size === 0) this.meetings.delete(meetingId);
  }

  /** One entry per person, most recently active socket first wins. */
  list(meetingId: string): PresenceEntry[] {
    return foldPresence(this.meetings.get(meetingId)?.values() ?? []);
  }
}

/** Folds sockets into one entry per person (the most recently active socket wins), sorted. */
export function foldPresence(entries: Iterable<SocketPresence>): PresenceEntry[] {
  const byKey = new Map<string, SocketPresence>();
  for (const entry of entries) {
    const current = byKey.get(entry.key);
    if (!current || current.touchedAt < entry.touchedAt) byKey.set(entry.key, entry);
  }
  return [...byKey.values()]
    .map((e) => ({
      participantId: e.key,
      name: e.auth.name,
      department: e.auth.department,
      role: e.auth.role,
      boardId: e.boardId,
      editingCardId: e.editingCardId,
    }))
    .sort(
      (a, b) =>
        (a.department ?? '').localeCompare(b.department ?? '', 'vi') ||
        a.name.localeCompare(b.name, 'vi'),
    );
}
