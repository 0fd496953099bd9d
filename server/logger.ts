/**
 * Structured logs through pino: one JSON line per event on stderr, each with the instance
 * that wrote it (several instances log to one place when scaled out), so a hall laptop's
 * console stays readable and logs can be grepped. Callers keep the small `Logger` shape
 * (message first, then fields); pino does the writing.
 */
import { pino } from 'pino';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(level: LogLevel, instance?: string): Logger {
  const base = pino(
    {
      level,
      base: instance ? { instance } : null,
      messageKey: 'msg',
      timestamp: () => `,"t":"${new Date().toISOString()}"`,
      // Level names, not numbers: the lines are read by people first.
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous: a line written just before a crash or SIGKILL is not lost in a buffer.
    pino.destination({ fd: 2, sync: true }),
  );
  return {
    debug: (m, f) => base.debug(f ?? {}, m),
    info: (m, f) => base.info(f ?? {}, m),
    warn: (m, f) => base.warn(f ?? {}, m),
    error: (m, f) => base.error(f ?? {}, m),
  };
}

/** Turns an unknown thrown value into loggable fields. */
export function errorFields(err: unknown): Record<string, unknown> {
  return err instanceof Error ? { error: err.message, stack: err.stack } : { error: String(err) };
}
