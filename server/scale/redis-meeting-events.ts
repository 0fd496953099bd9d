/**
 * Bridges the `MeetingEvents` bus over Redis pub/sub (channel `events`): what a service emits
 * on one instance reaches the listeners of every instance. Events carry only ids and small
 * values (the state itself is in storage), so a listener that gets one re-reads what it needs.
 */
import { z } from 'zod';
import type { Logger } from '../logger';
import type { MeetingEventName, MeetingEvents } from '../services/meeting-events';
import type { RedisHub } from './redis-hub';

const Envelope = z.object({
  from: z.string(),
  event: z.string(),
  args: z.array(z.unknown()),
});

export function bridgeMeetingEvents(events: MeetingEvents, hub: RedisHub, log: Logger): () => void {
  const deliver = events.bridge((event, args) =>
    hub.publish('events', JSON.stringify({ from: hub.instanceId, event, args })),
  );
  return hub.subscribe('events', (message) => {
    let parsed;
    try {
      parsed = Envelope.safeParse(JSON.parse(message.toString()));
    } catch {
      parsed = null;
    }
    if (!parsed?.success) {
      log.warn('unreadable meeting event from redis ignored');
      return;
    }
    const { from, event, args } = parsed.data;
    // Every event is forwarded, so events other features add travel without a change here.
    if (from === hub.instanceId) return;
    deliver(event as MeetingEventName, args);
  });
}
