/**
 * Where presence is kept: in this process (`LocalPresence`, one instance) or in Redis
 * (`RedisPresence`, several instances, server/scale/). Async either way, so MeetingRealtime
 * is written once for both.
 */
import type { PresenceEntry, PresenceSet } from '@shared/schemas/socket';
import type { AuthContext } from '../../services/meeting-service';
import { PresenceTracker } from './presence-tracker';

export interface PresenceStore {
  /** Adds a socket, or replaces who it speaks for (a role change) keeping where it is. */
  add(socketId: string, auth: AuthContext): Promise<void>;
  /** Moves a socket to another board or card; resolves with whether anything changed. */
  update(meetingId: string, socketId: string, change: PresenceSet): Promise<boolean>;
  /** Updates the name and department shown for a participant on this instance's sockets. */
  rename(
    meetingId: string,
    participantId: string,
    name: string,
    department: string | null,
  ): Promise<void>;
  remove(meetingId: string, socketId: string): Promise<void>;
  /** One entry per person in the meeting, across every instance. */
  list(meetingId: string): Promise<PresenceEntry[]>;
  close(): Promise<void>;
}

export class LocalPresence implements PresenceStore {
  private readonly tracker = new PresenceTracker();

  async add(socketId: string, auth: AuthContext): Promise<void> {
    this.tracker.add(socketId, auth);
  }
  async update(meetingId: string, socketId: string, change: PresenceSet): Promise<boolean> {
    return this.tracker.update(meetingId, socketId, change);
  }
  async rename(
    meetingId: string,
    participantId: string,
    name: string,
    department: string | null,
  ): Promise<void> {
    this.tracker.rename(meetingId, participantId, name, department);
  }
  async remove(meetingId: string, socketId: string): Promise<void> {
    this.tracker.remove(meetingId, socketId);
  }
  async list(meetingId: string): Promise<PresenceEntry[]> {
    return this.tracker.list(meetingId);
  }
  async close(): Promise<void> {}
}
