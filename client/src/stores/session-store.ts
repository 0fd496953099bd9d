/**
 * Who this browser is in each meeting: the access token per meeting (localStorage, one key
 * per meeting), the meetings it knows, and the last name used to join.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import {
  loadKnownMeetings,
  loadProfile,
  loadRemoved,
  loadToken,
  saveKnownMeetings,
  saveProfile,
  saveRemoved,
  saveToken,
  saveCachedMeeting,
  type KnownMeeting,
  type Profile,
} from '@client/lib/storage';
import { meetingIdFromPath, tokenFromFragment } from '@client/lib/links';

/** Most meetings kept in the home page list. */
const KNOWN_MAX = 30;

/**
 * Reads `#t=<token>` of a `/m/<id>` address, stores the token and removes the fragment from
 * the address bar (history.replaceState), so the secret is not left on screen, in the
 * history or in a screenshot. Runs before the router starts. Returns the meeting id or null.
 */
export function captureTokenFromLocation(): string | null {
  const meetingId = meetingIdFromPath(window.location.pathname);
  const token = tokenFromFragment(window.location.hash);
  if (meetingId === null || token === null) return null;
  saveToken(meetingId, token);
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + window.location.search,
  );
  return meetingId;
}

export const useSessionStore = defineStore('session', () => {
  /** Tokens read or written during this page load; storage is the source of truth. */
  const tokens = ref<Record<string, string | null>>({});
  /** Meetings this browser was removed from, as read or written during this page load. */
  const removed = ref<Record<string, boolean>>({});
  const known = ref<KnownMeeting[]>(loadKnownMeetings());
  const profile = ref<Profile | null>(loadProfile());

  /** The stored token of a meeting, or null. */
  function tokenFor(meetingId: string): string | null {
    const cached = tokens.value[meetingId];
    if (cached !== undefined) return cached;
    return loadToken(meetingId);
  }

  function setToken(meetingId: string, token: string): void {
    saveToken(meetingId, token);
    tokens.value = { ...tokens.value, [meetingId]: token };
    removed.value = { ...removed.value, [meetingId]: false };
  }

  /** The facilitator removed this browser's participant from the meeting. */
  function isRemoved(meetingId: string): boolean {
    return removed.value[meetingId] ?? loadRemoved(meetingId);
  }

  /**
   * Records a removal: the token is dead on every channel, so it is forgotten (the next join
   * makes a new participant), and the removal is kept so a reload still says what happened.
   */
  function markRemoved(meetingId: string): void {
    clearToken(meetingId);
    saveRemoved(meetingId, true);
    removed.value = { ...removed.value, [meetingId]: true };
  }

  /** Forgets a refused token, so the next visit asks to join again instead of retrying it. */
  function clearToken(meetingId: string): void {
    saveToken(meetingId, null);
    tokens.value = { ...tokens.value, [meetingId]: null };
  }

  /** Adds or refreshes a meeting in the list of known meetings (newest first). */
  function remember(
    entry: Omit<KnownMeeting, 'openedAt' | 'joinCode' | 'observerToken'> &
      Partial<Pick<KnownMeeting, 'joinCode' | 'observerToken'>>,
  ): void {
    const previous = known.value.find((m) => m.id === entry.id);
    const next: KnownMeeting = {
      ...entry,
      joinCode: entry.joinCode ?? previous?.joinCode ?? null,
      observerToken: entry.observerToken ?? previous?.observerToken ?? null,
      openedAt: Date.now(),
    };
    known.value = [next, ...known.value.filter((m) => m.id !== entry.id)].slice(0, KNOWN_MAX);
    saveKnownMeetings(known.value);
  }

  /** Removes a meeting from this browser: list entry, token and cached view. */
  function forget(meetingId: string): void {
    known.value = known.value.filter((m) => m.id !== meetingId);
    saveKnownMeetings(known.value);
    clearToken(meetingId);
    saveCachedMeeting(null, meetingId);
  }

  function knownMeeting(meetingId: string): KnownMeeting | null {
    return known.value.find((m) => m.id === meetingId) ?? null;
  }

  function setProfile(next: Profile): void {
    profile.value = next;
    saveProfile(next);
  }

  /** Another tab stored or removed a token: follow it. */
  function onStorage(event: StorageEvent): void {
    if (event.key === null) return;
    const match = /^bantron:token:(.+)$/.exec(event.key);
    const id = match?.[1];
    if (id !== undefined) tokens.value = { ...tokens.value, [id]: event.newValue };
    const removal = /^bantron:removed:(.+)$/.exec(event.key)?.[1];
    if (removal !== undefined)
      removed.value = { ...removed.value, [removal]: event.newValue !== null };
    if (event.key === 'bantron:meetings') known.value = loadKnownMeetings();
  }
  window.addEventListener('storage', onStorage);

  return {
    known,
    profile,
    tokenFor,
    setToken,
    clearToken,
    isRemoved,
    markRemoved,
    remember,
    forget,
    knownMeeting,
    setProfile,
  };
});
