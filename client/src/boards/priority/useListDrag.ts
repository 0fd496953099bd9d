/**
 * Drag and drop of list items with pointer events (mouse, pen and touch alike): the handle
 * captures the pointer, the item follows it, and on release the item moves to the place under
 * the pointer (lib/drop-index.ts). Escape cancels. Keyboard users move items with Alt+↑/↓
 * or the move buttons instead.
 */
import { onScopeDispose, ref, type Ref } from 'vue';
import { dropIndex } from '@client/lib/drop-index';

export interface ListDrag {
  /** The item being dragged, and where it would land. */
  dragging: Ref<{ itemId: string; index: number } | null>;
  start: (event: PointerEvent, itemId: string) => void;
}

export function useListDrag(options: {
  /** The list element; its children with `data-item-id` are the items. */
  root: Ref<HTMLElement | null>;
  onDrop: (itemId: string, index: number) => void;
}): ListDrag {
  const dragging = ref<{ itemId: string; index: number } | null>(null);
  let cleanup: (() => void) | null = null;

  function boxesWithout(itemId: string) {
    const root = options.root.value;
    if (!root) return [];
    return [...root.querySelectorAll<HTMLElement>('[data-item-id]')]
      .filter((el) => el.dataset.itemId !== itemId)
      .map((el) => el.getBoundingClientRect());
  }

  function start(event: PointerEvent, itemId: string): void {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture?.(event.pointerId);
    dragging.value = { itemId, index: dropIndex(event.clientY, boxesWithout(itemId)) };
    const move = (e: PointerEvent) => {
      if (dragging.value)
        dragging.value = { itemId, index: dropIndex(e.clientY, boxesWithout(itemId)) };
    };
    const up = () => {
      const target = dragging.value;
      stop();
      if (target) options.onDrop(target.itemId, target.index);
    };
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') stop();
    };
    const stop = () => {
      dragging.value = null;
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', stop);
      window.removeEventListener('keydown', key);
      cleanup = null;
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', stop);
    window.addEventListener('keydown', key);
    cleanup = stop;
  }

  onScopeDispose(() => cleanup?.());
  return { dragging, start };
}
