/**
 * Everything several instances share through Redis, assembled in one place: the hub (its
 * connections), the relay of board rooms, the meeting-event bridge, presence, the join
 * limit and Socket.io's Redis Streams adapter. `app.ts` uses it only when REDIS_URL is set;
 * without it every part has a local stand-in and the server runs alone, as by default.
 */
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';
import type { ServerOptions } from 'socket.io';
import type { Logger } from '../logger';
import type { AttemptLimit } from '../realtime/limits/attempt-limit';
import type { PresenceStore } from '../realtime/socket/presence-store';
import type { RoomRelay } from '../realtime/yjs/room-relay';
import type { MeetingEvents } from '../services/meeting-events';
import { RedisAttemptLimit } from './redis-attempt-limit';
import { RedisHub } from './redis-hub';
import { bridgeMeetingEvents } from './redis-meeting-events';
import { RedisPresence } from './redis-presence';
import { RedisRoomRelay } from './redis-room-relay';

export interface ScaleOutOptions {
  redisUrl: string;
  prefix: string;
  instanceId: string;
  joinAttemptsPerMinute: number;
  log: Logger;
  events: MeetingEvents;
}

export interface ScaleOut {
  readonly hub: RedisHub;
  readonly relay: RoomRelay;
  readonly presence: PresenceStore;
  readonly joinLimit: AttemptLimit;
  readonly socketAdapter: ServerOptions['adapter'];
  close(): Promise<void>;
}

export function startScaleOut(options: ScaleOutOptions): ScaleOut {
  const { log, prefix, instanceId } = options;
  const hub = new RedisHub({ url: options.redisUrl, prefix, instanceId, log });
  const unbridge = bridgeMeetingEvents(options.events, hub, log);
  const sio = new Redis(options.redisUrl, { connectionName: `${prefix}${instanceId}:sio` });
  sio.on('error', () => {});
  return {
    hub,
    relay: new RedisRoomRelay(hub, log),
    presence: new RedisPresence(hub),
    joinLimit: new RedisAttemptLimit(hub, options.joinAttemptsPerMinute),
    socketAdapter: createAdapter(sio, {
      streamName: `${prefix}socket.io`,
      channelPrefix: `${prefix}socket.io`,
      sessionKeyPrefix: `${prefix}sio:session:`,
    }),
    async close() {
      unbridge();
      sio.disconnect();
      await hub.close();
    },
  };
}
