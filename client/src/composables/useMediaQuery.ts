/**
 * A reactive CSS media query (e.g. the phone layout), cleaned up with the calling scope.
 */
import { onScopeDispose, ref, type Ref } from 'vue';

export function useMediaQuery(query: string): Readonly<Ref<boolean>> {
  const list = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(query) : null;
  const matches = ref(list?.matches ?? false);
  if (list) {
    const onChange = (e: MediaQueryListEvent): void => {
      matches.value = e.matches;
    };
    list.addEventListener('change', onChange);
    onScopeDispose(() => list.removeEventListener('change', onChange));
  }
  return matches;
}

/** The phone layout's breakpoint: below it a SWOT board shows one quadrant at a time. */
export const NARROW_QUERY = '(max-width: 699px)';

/** Below this width the board list is a drawer (MeetingView.vue's 1000px breakpoint). */
export const DRAWER_QUERY = '(max-width: 999px)';
