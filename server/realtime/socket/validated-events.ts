/**
 * Registers Socket.io event handlers that only ever see a payload their zod schema accepted,
 * with the role check, the acknowledgement and error reporting done once for every event.
 */
import type { Socket } from 'socket.io';
import type { z } from 'zod';
import { canFacilitate } from '@shared/domain';
import {
  ClientEventSchemas,
  FACILITATOR_EVENTS,
  type Ack,
  type ClientEventName,
} from '@shared/schemas/socket';
import { errorFields, type Logger } from '../../logger';
import { AppError } from '../../services/errors';
import type { MeetingSocket } from './socket-types';

/** The validated payload of `event`. */
export type EventPayload<E extends ClientEventName> = z.infer<(typeof ClientEventSchemas)[E]>;

/**
 * A handler: receives the validated payload; what it returns (an object or nothing) is sent
 * back in the acknowledgement beside `ok: true`. An AppError it throws becomes
 * `{ ok: false, error: { code, message } }`; anything else is logged and reported as `internal`.
 */
export type EventHandler<E extends ClientEventName> = (
  payload: EventPayload<E>,
) => void | object | Promise<void | object>;

/** Registers `handler` for `event` on one socket. */
export type OnEvent = <E extends ClientEventName>(event: E, handler: EventHandler<E>) => void;

/** Builds the `on` used by every feature for one connected socket. */
export function validatedEvents(socket: MeetingSocket, log: Logger): OnEvent {
  return (event, handler) => {
    const schema = ClientEventSchemas[event];
    const listener = async (payload: unknown, ack?: unknown): Promise<void> => {
      const reply = (result: Ack): void => {
        if (typeof ack === 'function') (ack as (r: Ack) => void)(result);
      };
      const fail = (error: { code: string; message: string }): void => {
        socket.emit('meeting:error', error);
        reply({ ok: false, error });
      };
      if (FACILITATOR_EVENTS.has(event) && !canFacilitate(socket.data.auth.role)) {
        fail({ code: 'forbidden', message: `${event}: only the facilitator can do this` });
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        fail({
          code: 'validation_failed',
          message: `${event}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`,
        });
        return;
      }
      try {
        const result = await handler(parsed.data as EventPayload<typeof event>);
        reply({ ...(result ?? {}), ok: true });
      } catch (err) {
        if (!(err instanceof AppError))
          log.error('socket handler failed', { event, ...errorFields(err) });
        fail(
          err instanceof AppError
            ? { code: err.code, message: err.message }
            : { code: 'internal', message: 'server error' },
        );
      }
    };
    // Socket.io's typed `on` cannot express "validated later"; the listener takes unknown on purpose.
    (socket as unknown as Socket).on(event as string, (payload: unknown, ack?: unknown) => {
      void listener(payload, ack);
    });
  };
}
