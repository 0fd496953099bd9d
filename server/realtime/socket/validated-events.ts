/**
 * The meeting channel's event handlers, in one table for every socket: a handler only ever
 * sees a payload its zod schema accepted, with the role check, the acknowledgement and error
 * reporting done once for every event.
 *
 * One table rather than a listener per event on each socket: with ~26 events, Socket.io's
 * `socket.on` per event cost every connection ~26 listeners and their closures, most of a
 * meeting channel's memory (docs/performance.md, "Scenario 4: memory"). A socket now carries
 * one middleware that hands its packets to `dispatch`.
 */
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
import type { AuthContext } from '../../services/meeting-service';
import type { MeetingSocket } from './socket-types';

/** The validated payload of `event`. */
export type EventPayload<E extends ClientEventName> = z.infer<(typeof ClientEventSchemas)[E]>;

/**
 * A handler: receives the validated payload, the sender's authentication as it is now (a role
 * can change while a socket is open) and the sender's socket id; what it returns (an object or
 * nothing) is sent back in the acknowledgement beside `ok: true`. An AppError it throws
 * becomes `{ ok: false, error: { code, message } }`; anything else is logged and reported as
 * `internal`.
 */
export type EventHandler<E extends ClientEventName> = (
  payload: EventPayload<E>,
  auth: AuthContext,
  socketId: string,
) => void | object | Promise<void | object>;

/** Registers `handler` for `event`, for every socket. */
export type OnEvent = <E extends ClientEventName>(event: E, handler: EventHandler<E>) => void;

type AnyHandler = (
  payload: unknown,
  auth: AuthContext,
  socketId: string,
) => void | object | Promise<void | object>;

export class ValidatedEvents {
  private readonly handlers = new Map<ClientEventName, AnyHandler>();

  constructor(private readonly log: Logger) {}

  /** Registers the handler of one event; each event has one. */
  readonly on: OnEvent = (event, handler) => {
    if (this.handlers.has(event)) throw new Error(`${event}: a handler is already registered`);
    this.handlers.set(event, handler as AnyHandler);
  };

  /**
   * Handles one event `socket` sent (`[event, payload, ack?]`, as Socket.io's middleware
   * sees it). An event no schema knows is logged and ignored; a known one without a handler
   * (its feature not installed) is ignored.
   */
  dispatch(socket: MeetingSocket, packet: readonly unknown[]): void {
    const [event, payload, ack] = packet;
    if (typeof event !== 'string' || !Object.hasOwn(ClientEventSchemas, event)) {
      this.log.warn('unknown socket event ignored', { event, socket: socket.id });
      return;
    }
    const name = event as ClientEventName;
    const handler = this.handlers.get(name);
    if (handler) void this.run(socket, name, handler, payload, ack);
  }

  private async run(
    socket: MeetingSocket,
    event: ClientEventName,
    handler: AnyHandler,
    payload: unknown,
    ack: unknown,
  ): Promise<void> {
    const reply = (result: Ack): void => {
      if (typeof ack === 'function') (ack as (r: Ack) => void)(result);
    };
    const fail = (error: { code: string; message: string }): void => {
      socket.emit('meeting:error', error);
      reply({ ok: false, error });
    };
    const auth = socket.data.auth;
    if (FACILITATOR_EVENTS.has(event) && !canFacilitate(auth.role)) {
      fail({ code: 'forbidden', message: `${event}: only the facilitator can do this` });
      return;
    }
    const parsed = ClientEventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      fail({
        code: 'validation_failed',
        message: `${event}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`,
      });
      return;
    }
    try {
      const result = await handler(parsed.data, auth, socket.id);
      reply({ ...(result ?? {}), ok: true });
    } catch (err) {
      if (!(err instanceof AppError))
        this.log.error('socket handler failed', { event, ...errorFields(err) });
      fail(
        err instanceof AppError
          ? { code: err.code, message: err.message }
          : { code: 'internal', message: 'server error' },
      );
    }
  }
}
