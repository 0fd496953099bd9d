/**
 * Same-origin by default for HTTP and both sockets: a browser request whose Origin is
 * neither this server's own address (as the browser reached it) nor in ALLOWED_ORIGINS is
 * refused. Requests without an Origin header (scripts, tests, curl) are not browser
 * cross-site requests and still need a valid token.
 */
import type { IncomingMessage } from 'node:http';

export function originAllowed(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  if (allowedOrigins.includes(origin) || allowedOrigins.includes('*')) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
