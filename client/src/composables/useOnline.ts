import { onScopeDispose, ref, type Ref } from 'vue';

/** `navigator.onLine`, kept up to date by the browser's online/offline events. */
export function useOnline(): { online: Ref<boolean> } {
  const online = ref(navigator.onLine);
  const update = (): void => {
    online.value = navigator.onLine;
  };
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  onScopeDispose(() => {
    window.removeEventListener('online', update);
    window.removeEventListener('offline', update);
  });
  return { online };
}
