/**
 * Everything this browser remembers, in localStorage: access tokens (one per meeting), the
 * meetings it knows, the language, the last name used to join. Reads are validated with zod
 * because localStorage outlives app versions; a malformed entry is ignored, never trusted.
 * Access is wrapped because storage can throw (private mode, full quota).
 */
import { z } from 'zod';
import { ROLES } from '@shared/domain';
import { BoardLimitsInfo, MeetingView } from '@shared/schemas/http';
import { DEFAULT_BOARD_LIMITS } from './board-limits';

const PREFIX = 'bantron:';

function read(key: string): string | null {
  try {
    return localStorage.getItem(PREFIX + key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, value);
  } catch {
    // storage full or disabled: the app keeps working for this page load
  }
}

function readJson<S extends z.ZodType>(key: string, schema: S): z.infer<S> | null {
  const raw = read(key);
  if (raw === null) return null;
  try {
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The stored access token of a meeting. */
export function loadToken(meetingId: string): string | null {
  return read(`token:${meetingId}`);
}

/** Stores (or with null, forgets) the access token of a meeting. A new token lifts a removal. */
export function saveToken(meetingId: string, token: string | null): void {
  write(`token:${meetingId}`, token);
  if (token !== null) write(`removed:${meetingId}`, null);
}

/** The facilitator removed this browser's participant from the meeting (kept across reloads). */
export function loadRemoved(meetingId: string): boolean {
  return read(`removed:${meetingId}`) !== null;
}

export function saveRemoved(meetingId: string, removed: boolean): void {
  write(`removed:${meetingId}`, removed ? String(Date.now()) : null);
}

/** A meeting this browser has opened, for the list on the home page. */
export const KnownMeeting = z.object({
  id: z.string(),
  title: z.string(),
  district: z.string().default(''),
  date: z.string().nullable().default(null),
  role: z.enum(ROLES),
  /** The facilitator keeps these to hand out again: they are only shown once by the API. */
  joinCode: z.string().nullable().default(null),
  observerToken: z.string().nullable().default(null),
  /** Last time it was opened (ms since epoch), newest first in the list. */
  openedAt: z.number(),
});
export type KnownMeeting = z.infer<typeof KnownMeeting>;

export function loadKnownMeetings(): KnownMeeting[] {
  return readJson('meetings', z.array(KnownMeeting)) ?? [];
}

export function saveKnownMeetings(list: readonly KnownMeeting[]): void {
  write('meetings', JSON.stringify(list));
}

/** The last meeting view fetched, to open a meeting when the server cannot be reached. */
/**
 * A cached view written by an app version from before the meeting answer carried `limits`
 * still opens offline, with the default limits until the server answers again.
 */
const CachedMeetingView = MeetingView.extend({
  limits: BoardLimitsInfo.default(DEFAULT_BOARD_LIMITS),
});

export function loadCachedMeeting(meetingId: string): MeetingView | null {
  return readJson(`meeting:${meetingId}`, CachedMeetingView);
}

export function saveCachedMeeting(view: MeetingView | null, meetingId: string): void {
  write(`meeting:${meetingId}`, view === null ? null : JSON.stringify(view));
}

/** Name and department last used to join, offered again on the next join. */
export const Profile = z.object({ name: z.string(), department: z.string() });
export type Profile = z.infer<typeof Profile>;

export function loadProfile(): Profile | null {
  return readJson('profile', Profile);
}

export function saveProfile(profile: Profile): void {
  write('profile', JSON.stringify(profile));
}

/** A string preference (language, present mode). */
export function loadPreference(name: string): string | null {
  return read(`pref:${name}`);
}

export function savePreference(name: string, value: string | null): void {
  write(`pref:${name}`, value);
}
