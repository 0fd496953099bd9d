/**
 * The one connection indicator: combines the browser's online flag, the open board's
 * provider (or the meeting socket when no board is open) and the unsaved count into a state
 * the header shows. A link that stays down for a few seconds is reported as offline rather
 * than "reconnecting" forever.
 */
import {
  computed,
  onScopeDispose,
  ref,
  toValue,
  watch,
  type ComputedRef,
  type MaybeRefOrGetter,
} from 'vue';
import { useOnline } from './useOnline';

/** Coarse state, also exposed as `data-state` for tests. */
export type ConnectionState = 'online' | 'connecting' | 'offline';
/** What the label says. */
export type ConnectionPhase = 'saved' | 'saving' | 'connecting' | 'reconnecting' | 'offline';

export interface UseConnectionOptions {
  /** Link status: of the board provider when a board is open, else of the meeting socket. */
  linkStatus: MaybeRefOrGetter<'connecting' | 'connected' | 'disconnected'>;
  /** The link is usable (for a board: synced with the server). */
  ready: MaybeRefOrGetter<boolean>;
  /** Local changes not yet confirmed as stored by the server. */
  unsaved: MaybeRefOrGetter<number>;
  /** The server closed the link for good (bad token, board gone). */
  closed: MaybeRefOrGetter<boolean>;
  /** How long a lost link may keep "reconnecting" before it is shown as offline. */
  graceMs?: number;
}

export interface Connection {
  state: ComputedRef<ConnectionState>;
  phase: ComputedRef<ConnectionPhase>;
  unsaved: ComputedRef<number>;
}

export function useConnection(options: UseConnectionOptions): Connection {
  const { online } = useOnline();
  const grace = options.graceMs ?? 4000;
  const everConnected = ref(false);
  const downSince = ref<number | null>(null);
  const now = ref(Date.now());
  let ticker: ReturnType<typeof setInterval> | null = null;

  const up = computed(() => toValue(options.linkStatus) === 'connected' && toValue(options.ready));

  watch(
    up,
    (isUp) => {
      if (isUp) {
        everConnected.value = true;
        downSince.value = null;
        if (ticker !== null) clearInterval(ticker);
        ticker = null;
      } else {
        downSince.value = Date.now();
        now.value = Date.now();
        if (ticker === null) {
          ticker = setInterval(() => {
            now.value = Date.now();
          }, 1000);
        }
      }
    },
    { immediate: true },
  );
  onScopeDispose(() => {
    if (ticker !== null) clearInterval(ticker);
  });

  const phase = computed<ConnectionPhase>(() => {
    if (!online.value || toValue(options.closed)) return 'offline';
    if (up.value) return toValue(options.unsaved) > 0 ? 'saving' : 'saved';
    const downFor = downSince.value === null ? 0 : now.value - downSince.value;
    if (downFor > grace * (everConnected.value ? 1 : 2)) return 'offline';
    return everConnected.value ? 'reconnecting' : 'connecting';
  });

  const state = computed<ConnectionState>(() => {
    switch (phase.value) {
      case 'saved':
      case 'saving':
        return 'online';
      case 'offline':
        return 'offline';
      default:
        return 'connecting';
    }
  });

  return { state, phase, unsaved: computed(() => toValue(options.unsaved)) };
}
