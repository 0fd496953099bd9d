/**
 * Reading the stored timer (slice `timer`) on any screen. The server stores a deadline; a
 * screen computes what is left from its own clock corrected by its offset from the server's
 * (`state:snapshot.serverTime`), so every screen shows the same number.
 */
import type { TimerSlice } from '../schemas/facilitation';

/** Milliseconds left at `serverNow` (server clock); null when idle; never below 0. */
export function timerRemainingMs(timer: TimerSlice, serverNow: number): number | null {
  if (timer.status === 'running' && timer.endsAt !== null)
    return Math.max(0, timer.endsAt - serverNow);
  if (timer.status === 'paused' && timer.remainingMs !== null)
    return Math.max(0, timer.remainingMs);
  return null;
}

/** The offset to add to this device's clock to get the server's, from one snapshot. */
export function clockOffset(serverTime: number, receivedAt: number): number {
  return serverTime - receivedAt;
}

/**
 * `m:ss` (or `h:mm:ss`) of a remaining time, to the nearest second: a few milliseconds of
 * network delay in the clock offset must not show 10:01 for a 10-minute timer. "Time is up"
 * is said from the exact value (`timerRemainingMs` === 0), not from this text.
 */
export function formatCountdown(ms: number): string {
  const total = Math.round(Math.max(0, ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
