/**
 * A ticking "server now" for countdowns: this device's clock plus its offset from the
 * server's (from the last snapshot). Ticks only while someone shows it, and at once when the
 * offset changes: right after a reload the first snapshot corrects a wrong device clock, and
 * the countdown must not show the uncorrected time until the next tick.
 */
import { onScopeDispose, ref, watch, type Ref } from 'vue';
import { useFacilitationStore } from '@client/stores/facilitation-store';

export function useServerClock(intervalMs = 250): Ref<number> {
  const state = useFacilitationStore();
  const now = ref(state.serverNow());
  const timer = setInterval(() => {
    now.value = state.serverNow();
  }, intervalMs);
  watch(
    () => state.offsetMs,
    () => {
      now.value = state.serverNow();
    },
    { flush: 'sync' },
  );
  onScopeDispose(() => clearInterval(timer));
  return now;
}
