/**
 * A ticking "server now" for countdowns: this device's clock plus its offset from the
 * server's (from the last snapshot). Ticks only while someone shows it.
 */
import { onScopeDispose, ref, type Ref } from 'vue';
import { useFacilitationStore } from '@client/stores/facilitation-store';

export function useServerClock(intervalMs = 250): Ref<number> {
  const state = useFacilitationStore();
  const now = ref(state.serverNow());
  const timer = setInterval(() => {
    now.value = state.serverNow();
  }, intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
