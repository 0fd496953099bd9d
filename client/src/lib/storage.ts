/**
 * Everything this browser remembers, in localStorage: access tokens (one per meeting), the
 * meetings it knows, the language, the last name used to join. Reads are checked because
 * localStorage outlives app versions; a malformed entry is ignored, never trusted. The checks
 * are plain functions, not zod: this module is on the participant's first page, which zod is
 * kept off (issue 14's bytes goal). Access is wrapped because storage can throw (private mode,
 * full quota).
 */
import { ROLES, type Role } from '@shared/domain';
import type { MeetingView } from '@shared/schemas/http';
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

/** The stored JSON of `key` read by `check` (null when absent, unreadable or rejected). */
function readJson<T>(key: string, check: (value: unknown) => T | null): T | null {
  const raw = read(key);
  if (raw === null) return null;
  try {
    return check(JSON.parse(raw));
  } catch {
    return null;
  }
}

type Entry = Record<string, unknown>;
const isEntry = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
/** A string or null; absent (an older entry) reads as null. */
const optionalText = (value: unknown): string | null | undefined =>
  value === undefined || value === null ? null : isString(value) ? value : undefined;

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
export interface KnownMeeting {
  id: string;
  title: string;
  district: string;
  date: string | null;
  role: Role;
  /** The facilitator keeps these to hand out again: they are only shown once by the API. */
  joinCode: string | null;
  observerToken: string | null;
  /** Last time it was opened (ms since epoch), newest first in the list. */
  openedAt: number;
}

/** One stored known meeting; fields added later default as they did when they were added. */
function readKnownMeeting(value: unknown): KnownMeeting | null {
  if (!isEntry(value)) return null;
  const { id, title, role, openedAt } = value;
  const district = value.district ?? '';
  const date = optionalText(value.date);
  const joinCode = optionalText(value.joinCode);
  const observerToken = optionalText(value.observerToken);
  if (!isString(id) || !isString(title) || !isString(district)) return null;
  if (!(ROLES as readonly unknown[]).includes(role) || typeof openedAt !== 'number') return null;
  if (date === undefined || joinCode === undefined || observerToken === undefined) return null;
  return { id, title, district, date, role: role as Role, joinCode, observerToken, openedAt };
}

/** The whole list, or nothing when any entry is malformed (as a list schema would do). */
function readKnownMeetings(value: unknown): KnownMeeting[] | null {
  if (!Array.isArray(value)) return null;
  const list = value.map(readKnownMeeting);
  return list.every((entry) => entry !== null) ? (list as KnownMeeting[]) : null;
}

export function loadKnownMeetings(): KnownMeeting[] {
  return readJson('meetings', readKnownMeetings) ?? [];
}

export function saveKnownMeetings(list: readonly KnownMeeting[]): void {
  write('meetings', JSON.stringify(list));
}

/**
 * The last meeting view fetched, to open a meeting when the server cannot be reached. This
 * browser wrote it from a server answer (checked then, see api/contract.ts), so the check here
 * is of its outline only. A view cached by an app version from before the meeting answer
 * carried `limits` still opens offline, with the default limits until the server answers again.
 */
function readCachedMeeting(value: unknown): MeetingView | null {
  if (!isEntry(value) || !isString(value.id) || !isString(value.title)) return null;
  if (!Array.isArray(value.boards) || !Array.isArray(value.departments)) return null;
  if (!isEntry(value.me) || !isString(value.me.role)) return null;
  const limits = isEntry(value.limits) ? value.limits : DEFAULT_BOARD_LIMITS;
  return { ...value, limits } as MeetingView;
}

export function loadCachedMeeting(meetingId: string): MeetingView | null {
  return readJson(`meeting:${meetingId}`, readCachedMeeting);
}

export function saveCachedMeeting(view: MeetingView | null, meetingId: string): void {
  write(`meeting:${meetingId}`, view === null ? null : JSON.stringify(view));
}

/** Name and department last used to join, offered again on the next join. */
export interface Profile {
  name: string;
  department: string;
}

function readProfile(value: unknown): Profile | null {
  if (!isEntry(value) || !isString(value.name) || !isString(value.department)) return null;
  return { name: value.name, department: value.department };
}

export function loadProfile(): Profile | null {
  return readJson('profile', readProfile);
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
