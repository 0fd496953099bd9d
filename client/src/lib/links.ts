/**
 * Links a facilitator hands out. The token travels in the fragment (`#t=`), which browsers
 * never send to the server, and the client removes it from the address bar on load.
 */
import { loadPreference, savePreference } from './storage';

/** The fragment key that carries an access token. */
export const TOKEN_FRAGMENT_KEY = 't';

/** Full link that opens a meeting with `token`: `<origin>/m/<meetingId>#t=<token>`. */
export function meetingLink(origin: string, meetingId: string, token: string): string {
  return `${origin}/m/${encodeURIComponent(meetingId)}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`;
}

/** The projector screen of a meeting, opened with the observer token: `<origin>/present/<id>#t=…`. */
export function presentLink(origin: string, meetingId: string, token: string): string {
  return `${origin}/present/${encodeURIComponent(meetingId)}#${TOKEN_FRAGMENT_KEY}=${encodeURIComponent(token)}`;
}

/** The token the projector screen of `meetingId` was opened with (kept apart from the workspace's). */
export function savePresentToken(meetingId: string, token: string): void {
  savePreference(`present-token:${meetingId}`, token);
}

export function loadPresentToken(meetingId: string): string | null {
  return loadPreference(`present-token:${meetingId}`);
}

/** Full link of the join page with the code filled in. */
export function joinLink(origin: string, joinCode: string): string {
  return `${origin}/join/${encodeURIComponent(joinCode)}`;
}

/** The token in a fragment such as `#t=abc`, or null. */
export function tokenFromFragment(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length === 0) return null;
  const token = new URLSearchParams(raw).get(TOKEN_FRAGMENT_KEY);
  return token !== null && token.length > 0 ? token : null;
}

/** The meeting id of a `/m/<id>` path, or null. */
export function meetingIdFromPath(pathname: string): string | null {
  const match = /^\/m\/([^/?#]+)/.exec(pathname);
  const id = match?.[1];
  return id !== undefined ? decodeURIComponent(id) : null;
}

/** The WebSocket origin matching a page origin: `ws://host` for http, `wss://host` for https. */
export function websocketBase(protocol: string, host: string): string {
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}`;
}
