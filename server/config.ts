/**
 * Server configuration from environment variables (documented in README.md). Parsed once at
 * start-up with zod so a typo fails fast with the variable's name.
 */
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { Limits } from '@shared/constants';

const int = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  /** Where the built client is; served as static files with an SPA fallback. */
  CLIENT_DIR: z.string().default('./dist/client'),
  /** Token signing secret; generated into DATA_DIR/secret.key when not given. */
  TOKEN_SECRET: z.string().min(32).optional(),
  /** Token lifetime in hours. */
  TOKEN_TTL_HOURS: int(24 * 7),
  SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL', 'EXTRA']).default('FULL'),
  WS_MAX_MESSAGE_BYTES: int(Limits.wsMessageMaxBytes),
  HTTP_BODY_MAX_BYTES: int(Limits.httpBodyMaxBytes),
  /** Largest archive POST /api/meetings/import accepts (archives hold every update). */
  IMPORT_BODY_MAX_BYTES: int(64 * 1024 * 1024),
  /** Updates stored after a snapshot before the next snapshot is written. */
  SNAPSHOT_EVERY: int(500),
  /** Comma-separated browser origins allowed besides the server's own, e.g. a reverse proxy's. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Address people join at (QR code), e.g. http://192.168.1.10:3000; the request's own by default. */
  PUBLIC_URL: z.url().optional(),
  /** Trust X-Forwarded-For from a reverse proxy (hop count); 0 when the server faces clients directly. */
  TRUST_PROXY: z.coerce.number().int().min(0).default(0),
  WS_MESSAGES_PER_SECOND: int(Limits.wsMessagesPerSecond),
  /** Interval of WebSocket pings on the Yjs endpoint; a connection that misses one is dropped. */
  WS_HEARTBEAT_MS: int(30_000),
  SOCKET_EVENTS_PER_SECOND: int(Limits.socketEventsPerSecond),
  JOIN_ATTEMPTS_PER_MINUTE: int(Limits.joinAttemptsPerMinute),
  /** Sample meetings one address may create per minute (each writes a whole meeting). */
  SAMPLE_MEETINGS_PER_MINUTE: int(5),
  CARD_TEXT_MAX: int(Limits.cardTextMax),
  CARDS_PER_BOARD_MAX: int(Limits.cardsPerBoardMax),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** PostgreSQL instead of the SQLite file: postgres://user:password@host:5432/database. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'a postgres:// URL')
    .optional(),
  DATABASE_POOL_SIZE: int(10),
  /** Redis for several instances: redis://host:6379. Without it the server runs alone. */
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'a redis:// URL')
    .optional(),
  /** Prefix of every Redis key and channel, so several deployments can share one Redis. */
  REDIS_PREFIX: z.string().min(1).max(64).default('bantron:'),
  /** Name of this instance in logs and Redis; hostname and process id by default. */
  INSTANCE_ID: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .optional(),
  /** With Redis: how often each loaded board reads from storage what it may have missed (ms). */
  CATCH_UP_EVERY_MS: int(5000),
});

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  clientDir: string;
  tokenSecret: string | undefined;
  tokenTtlSeconds: number;
  sqliteSynchronous: 'FULL' | 'NORMAL' | 'EXTRA';
  wsMaxMessageBytes: number;
  httpBodyMaxBytes: number;
  importBodyMaxBytes: number;
  snapshotEvery: number;
  allowedOrigins: string[];
  publicUrl: string | undefined;
  trustProxy: number;
  wsMessagesPerSecond: number;
  wsHeartbeatMs: number;
  socketEventsPerSecond: number;
  joinAttemptsPerMinute: number;
  sampleMeetingsPerMinute: number;
  cardTextMax: number;
  cardsPerBoardMax: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  databaseUrl: string | undefined;
  databasePoolSize: number;
  redisUrl: string | undefined;
  redisPrefix: string;
  instanceId: string;
  catchUpEveryMs: number;
}

/** Reads the configuration from `env`; throws with the offending variable named. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  if (e.REDIS_URL && !e.TOKEN_SECRET) {
    // Each instance would generate its own secret, and tokens would work on one only.
    throw new Error(
      'Invalid configuration: TOKEN_SECRET: required when REDIS_URL is set (all instances must share it)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    clientDir: path.resolve(e.CLIENT_DIR),
    tokenSecret: e.TOKEN_SECRET,
    tokenTtlSeconds: e.TOKEN_TTL_HOURS * 3600,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    wsMaxMessageBytes: e.WS_MAX_MESSAGE_BYTES,
    httpBodyMaxBytes: e.HTTP_BODY_MAX_BYTES,
    importBodyMaxBytes: e.IMPORT_BODY_MAX_BYTES,
    snapshotEvery: e.SNAPSHOT_EVERY,
    allowedOrigins: e.ALLOWED_ORIGINS.split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    publicUrl: e.PUBLIC_URL?.replace(/\/$/, ''),
    trustProxy: e.TRUST_PROXY,
    wsMessagesPerSecond: e.WS_MESSAGES_PER_SECOND,
    wsHeartbeatMs: e.WS_HEARTBEAT_MS,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    joinAttemptsPerMinute: e.JOIN_ATTEMPTS_PER_MINUTE,
    sampleMeetingsPerMinute: e.SAMPLE_MEETINGS_PER_MINUTE,
    cardTextMax: e.CARD_TEXT_MAX,
    cardsPerBoardMax: e.CARDS_PER_BOARD_MAX,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    instanceId: e.INSTANCE_ID ?? `${os.hostname()}-${process.pid}`,
    catchUpEveryMs: e.CATCH_UP_EVERY_MS,
  };
}
