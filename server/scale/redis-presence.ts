/**
 * Presence shared by every instance, in Redis: one hash per meeting (`presence:<meetingId>`),
 * one field per socket (`<instance>/<socketId>`). Each instance renews a liveness key
 * (`instance:<id>`, expiring) while it runs; entries of an instance whose key expired (it
 * was killed) are dropped when the list is read, so a dead instance's people do not linger.
 */
import type { PresenceEntry, PresenceSet } from '@shared/schemas/socket';
import type { PresenceStore } from '../realtime/socket/presence-store';
import { foldPresence, type SocketPresence } from '../realtime/socket/presence-tracker';
import type { AuthContext } from '../services/meeting-service';
import type { RedisHub } from './redis-hub';

const ALIVE_TTL_MS = 15_000;
const RENEW_EVERY_MS = 5_000;
/** A meeting's hash outlives a silent meeting by this much, then Redis drops it. */
const MEETING_TTL_S = 24 * 3600;

export class RedisPresence implements PresenceStore {
  private readonly renew: NodeJS.Timeout;
  /** Where this instance's sockets are: which meeting each belongs to. */
  private readonly meetingOf = new Map<string, string>();
  private clock = 0;

  constructor(private readonly hub: RedisHub) {
    void this.heartbeat();
    this.renew = setInterval(() => void this.heartbeat(), RENEW_EVERY_MS);
    this.renew.unref();
  }

  private async heartbeat(): Promise<void> {
    await this.hub.commands
      .set(this.hub.key(`instance:${this.hub.instanceId}`), '1', 'PX', ALIVE_TTL_MS)
      .catch(() => {});
  }

  private hashOf(meetingId: string): string {
    return this.hub.key(`presence:${meetingId}`);
  }

  private field(socketId: string): string {
    return `${this.hub.instanceId}/${socketId}`;
  }

  /** Time order across instances (clocks of one deployment agree well within a second). */
  private touch(): number {
    this.clock = (this.clock + 1) % 1000;
    return Date.now() * 1000 + this.clock;
  }

  private async read(meetingId: string, socketId: string): Promise<SocketPresence | null> {
    const raw = await this.hub.commands.hget(this.hashOf(meetingId), this.field(socketId));
    return raw ? (JSON.parse(raw) as SocketPresence) : null;
  }

  private async write(meetingId: string, socketId: string, entry: SocketPresence): Promise<void> {
    await this.hub.commands
      .multi()
      .hset(this.hashOf(meetingId), this.field(socketId), JSON.stringify(entry))
      .expire(this.hashOf(meetingId), MEETING_TTL_S)
      .exec();
  }

  async add(socketId: string, auth: AuthContext): Promise<void> {
    this.meetingOf.set(socketId, auth.meetingId);
    const existing = await this.read(auth.meetingId, socketId);
    await this.write(
      auth.meetingId,
      socketId,
      existing
        ? { ...existing, auth }
        : {
            key: auth.participantId ?? `observer:${this.field(socketId)}`,
            auth,
            boardId: null,
            editingCardId: null,
            touchedAt: this.touch(),
          },
    );
  }

  async update(meetingId: string, socketId: string, change: PresenceSet): Promise<boolean> {
    const entry = await this.read(meetingId, socketId);
    if (!entry) return false;
    if (entry.boardId === change.boardId && entry.editingCardId === change.editingCardId)
      return false;
    await this.write(meetingId, socketId, {
      ...entry,
      boardId: change.boardId,
      editingCardId: change.editingCardId,
      touchedAt: this.touch(),
    });
    return true;
  }

  async rename(
    meetingId: string,
    participantId: string,
    name: string,
    department: string | null,
  ): Promise<void> {
    for (const [socketId, m] of this.meetingOf) {
      if (m !== meetingId) continue;
      const entry = await this.read(meetingId, socketId);
      if (entry?.auth.participantId === participantId)
        await this.write(meetingId, socketId, {
          ...entry,
          auth: { ...entry.auth, name, department },
        });
    }
  }

  async remove(meetingId: string, socketId: string): Promise<void> {
    this.meetingOf.delete(socketId);
    await this.hub.commands.hdel(this.hashOf(meetingId), this.field(socketId));
  }

  async list(meetingId: string): Promise<PresenceEntry[]> {
    const all = await this.hub.commands.hgetall(this.hashOf(meetingId));
    const fields = Object.keys(all);
    const instances = [...new Set(fields.map((f) => f.slice(0, f.lastIndexOf('/'))))];
    const alive = new Set<string>([this.hub.instanceId]);
    if (instances.length > 0) {
      const flags = await this.hub.commands.mget(
        ...instances.map((i) => this.hub.key(`instance:${i}`)),
      );
      instances.forEach((i, n) => {
        if (flags[n] !== null) alive.add(i);
      });
    }
    const entries: SocketPresence[] = [];
    const dead: string[] = [];
    for (const f of fields) {
      if (alive.has(f.slice(0, f.lastIndexOf('/'))))
        entries.push(JSON.parse(all[f]!) as SocketPresence);
      else dead.push(f);
    }
    if (dead.length > 0) await this.hub.commands.hdel(this.hashOf(meetingId), ...dead);
    return foldPresence(entries);
  }

  async close(): Promise<void> {
    clearInterval(this.renew);
    // Leaving on purpose: take our sockets out now rather than when the key expires.
    await Promise.all(
      [...this.meetingOf].map(([socketId, meetingId]) =>
        this.remove(meetingId, socketId).catch(() => {}),
      ),
    );
    await this.hub.commands.del(this.hub.key(`instance:${this.hub.instanceId}`)).catch(() => {});
  }
}
