/**
 * Signed access tokens: `base64url(payload).base64url(HMAC-SHA256(payload))`. A token says
 * which meeting, which participant and which role; the same token is checked on HTTP
 * (Bearer), on the Socket.io handshake and on the Yjs WebSocket. The secret lives in the data
 * directory, so tokens survive a restart.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES, type Role } from '@shared/domain';

const Payload = z.object({
  v: z.literal(1),
  /** meeting id */
  m: z.string(),
  /** participant id; null for observer links */
  p: z.string().nullable(),
  r: z.enum(ROLES),
  /** expiry, seconds since epoch */
  exp: z.number().int(),
});

export interface TokenClaims {
  meetingId: string;
  participantId: string | null;
  role: Role;
  expiresAt: number;
}

export class TokenService {
  constructor(
    private readonly secret: Buffer,
    private readonly ttlSeconds: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  sign(claims: Omit<TokenClaims, 'expiresAt'>, ttlSeconds = this.ttlSeconds): string {
    const payload = {
      v: 1 as const,
      m: claims.meetingId,
      p: claims.participantId,
      r: claims.role,
      exp: Math.floor(this.now() / 1000) + ttlSeconds,
    };
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The claims of a valid, unexpired token; null for anything else. */
  verify(token: unknown): TokenClaims | null {
    if (typeof token !== 'string' || token.length > 1024) return null;
    const dot = token.indexOf('.');
    if (dot <= 0) return null;
    const body = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(body), 'base64url');
    if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) return null;
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return null;
    }
    const parsed = Payload.safeParse(json);
    if (!parsed.success) return null;
    if (parsed.data.exp * 1000 <= this.now()) return null;
    return {
      meetingId: parsed.data.m,
      participantId: parsed.data.p,
      role: parsed.data.r,
      expiresAt: parsed.data.exp * 1000,
    };
  }

  private mac(body: string): string {
    return crypto.createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}

/**
 * The signing secret: the configured one, else the one kept in `dataDir/secret.key`,
 * generated with mode 0600 on first start.
 */
export function loadOrCreateSecret(dataDir: string, configured: string | undefined): Buffer {
  if (configured) return Buffer.from(configured, 'utf8');
  const file = path.join(dataDir, 'secret.key');
  try {
    return Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64url');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(32);
  fs.writeFileSync(file, secret.toString('base64url'), { mode: 0o600, flag: 'wx' });
  return secret;
}
