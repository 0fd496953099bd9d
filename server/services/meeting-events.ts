/**
 * The bus of meeting-level changes. Services publish; the Socket.io layer and the features
 * turn each event into a `state:slice` for their sockets, and the Yjs endpoint closes or
 * re-checks connections. With several instances the bus is bridged over Redis pub/sub
 * (server/scale/redis-meeting-events.ts): every event emitted on one instance is delivered on
 * every instance, so each one acts for its own sockets.
 */
import { EventEmitter } from 'node:events';
import type { MarkReason } from '../storage/record-store';

/**
 * A labelled moment for the session record. Emitted for locks (here), agenda step changes
 * (issue 9), reveals of drafts (issue 9) and votes (issue 10); the record service stores it.
 */
export interface RecordMarkEvent {
  reason: MarkReason;
  label: string;
  /** The board it concerns; null for the whole meeting (an agenda step). */
  boardId: string | null;
  /** Who caused it; null for the server. */
  participantId: string | null;
  at: number;
}

export interface MeetingEventMap {
  /** The board list (titles, order, locks) of a meeting changed. */
  'boards-changed': [meetingId: string];
  /** A participant was removed: close their connections at once. */
  'participant-removed': [meetingId: string, participantId: string];
  /** A participant's role changed: their open connections must pick up the new rights. */
  'participant-role-changed': [meetingId: string, participantId: string];
  /** A board was locked or unlocked. */
  'board-locked': [meetingId: string, boardId: string, locked: boolean];
  /** Private writing on a board started or ended: participants write to drafts meanwhile. */
  'board-private': [meetingId: string, boardId: string, isPrivate: boolean];
  /** A participant's name or department changed. */
  'participant-changed': [
    meetingId: string,
    participant: { participantId: string; name: string; department: string | null },
  ];
  /** The join code was rotated: screens that show it (facilitators, the projector) refetch. */
  'join-code-changed': [meetingId: string];
  /** The agenda or the current step changed (the timer and follow-me may have moved with it). */
  'agenda-changed': [meetingId: string];
  'timer-changed': [meetingId: string];
  'follow-changed': [meetingId: string];
  'hands-changed': [meetingId: string];
  /** A draft's card count changed: facilitators get new counts. */
  'drafts-changed': [meetingId: string];
  /** A dot-vote ('dots') or scoring ('score') round opened, got a ballot, or was revealed. */
  'rounds-changed': [meetingId: string, method: 'dots' | 'score'];
  /** A ranking was confirmed. */
  'decisions-changed': [meetingId: string];
  /** Take a labelled mark of the record (snapshot): see RecordMarkEvent. */
  'record-mark': [meetingId: string, mark: RecordMarkEvent];
  /** The minutes' settings (secretary, issuing body, place) changed. */
  'record-settings-changed': [meetingId: string, secretaryId: string | null];
  /** Someone connected, left, or moved to another board or card: re-read the presence. */
  'presence-changed': [meetingId: string];
}

export type MeetingEventName = keyof MeetingEventMap;

/** Carries events to the other instances. */
export type EventForwarder = (event: MeetingEventName, args: unknown[]) => void;

export class MeetingEvents extends EventEmitter<MeetingEventMap> {
  private forward: EventForwarder | null = null;
  /** True while an event from another instance is being delivered to listeners here. */
  private deliveringRemote = false;

  /**
   * Sends every event emitted here to other instances as well (emitting stays synchronous
   * for this instance's listeners). Returns how their events are delivered here.
   */
  bridge(forward: EventForwarder): (event: MeetingEventName, args: unknown[]) => void {
    this.forward = forward;
    return (event, args) => {
      this.deliveringRemote = true;
      try {
        (super.emit as (e: string, ...a: unknown[]) => boolean).call(this, event, ...args);
      } finally {
        this.deliveringRemote = false;
      }
    };
  }

  /**
   * Listens only to events emitted on this instance. For listeners that write to shared
   * storage (the record's marks): every instance hears every event, but the write must
   * happen once, on the instance where the change was made.
   */
  onLocal<K extends MeetingEventName>(
    event: K,
    listener: (...args: MeetingEventMap[K]) => void,
  ): this {
    return (this.on as (e: string, l: (...a: unknown[]) => void) => this)(event, (...args) => {
      if (!this.deliveringRemote) (listener as (...a: unknown[]) => void)(...args);
    });
  }

  override emit<K extends MeetingEventName>(event: K, ...args: MeetingEventMap[K]): boolean;
  override emit(event: string, ...args: unknown[]): boolean {
    this.forward?.(event as MeetingEventName, args);
    // A listener of a remote event may emit an event of its own: that one is local.
    const remote = this.deliveringRemote;
    this.deliveringRemote = false;
    try {
      return (super.emit as (e: string, ...a: unknown[]) => boolean).call(this, event, ...args);
    } finally {
      this.deliveringRemote = remote;
    }
  }
}
