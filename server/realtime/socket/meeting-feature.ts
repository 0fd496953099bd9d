/**
 * A feature of the meeting channel (facilitation, voting, …) as one module: the events it
 * handles and the slices of `MeetingState` it owns. `MeetingRealtime` knows no feature; it
 * registers each one's handlers once, in the table every socket's events go through, asks each
 * for its slices when a socket (re)connects, and gives each a `SliceSink` to broadcast changes.
 *
 * A feature keeps no meeting state of its own: state lives in storage behind a service, and
 * changes reach the feature through the `MeetingEvents` bus, so several server instances can
 * share it.
 */
import type { MeetingState, SliceUpdate } from '@shared/schemas/socket';
import type { AuthContext } from '../../services/meeting-service';
import type { OnEvent } from './validated-events';

/** Who receives a slice: everyone in the meeting, or only its facilitators. */
export type Audience = 'everyone' | 'facilitators';

export interface SliceSink {
  /** Sends one slice's new value to `audience` of the meeting. */
  emit(meetingId: string, update: SliceUpdate, audience?: Audience): void;
}

export interface MeetingFeature {
  /** Starts listening to the bus; called once, before any socket connects. */
  start?(sink: SliceSink): void;
  /**
   * Registers this feature's event handlers; called once, for every socket. A handler gets
   * the sender's authentication as it is when the event arrives (a role can change while a
   * socket is open).
   */
  register(on: OnEvent): void;
  /** This feature's slices of the state, as the connecting socket's role may see them. */
  snapshot(auth: AuthContext): Promise<Partial<MeetingState>>;
}
