/**
 * Moving cards with a pointer: one implementation for mouse, pen and touch, built on pointer
 * events (HTML5 drag-and-drop does not work with touch on older Android). A drag starts on a
 * card's handle after the pointer travels a few pixels; the drop place is computed from the
 * quadrant under the pointer and the middles of its cards; the page scrolls when the pointer
 * nears the top or bottom edge, which one-column phone layouts need.
 *
 * The DOM contract: a quadrant element carries `data-quadrant="<quadrant>"`, its cards carry
 * `data-card-id`. The ghost that follows the pointer must have `pointer-events: none`.
 */
import { onScopeDispose, shallowRef, type Ref, type ShallowRef } from 'vue';
import { SWOT_QUADRANTS, isQuadrant, type Quadrant } from '@shared/doc/swot-board';
import { dropIndex, edgeScrollSpeed } from '@client/lib/drop-index';

export interface DropTarget {
  quadrant: Quadrant;
  /** Index among the quadrant's cards with the dragged card left out (what moveCard takes). */
  index: number;
}

export interface DragState {
  cardId: string;
  /** Excerpt shown in the ghost. */
  label: string;
  /** Ghost position (top-left, viewport coordinates) and width. */
  x: number;
  y: number;
  width: number;
  target: DropTarget | null;
}

export interface UseCardDragOptions {
  /** Element that contains the quadrants (the board). */
  root: Ref<HTMLElement | null>;
  /** Called on drop with the place under the pointer. */
  onDrop: (cardId: string, target: DropTarget) => void;
  /** Pixels the pointer must travel before a press becomes a drag. */
  threshold?: number;
}

export interface CardDrag {
  drag: ShallowRef<DragState | null>;
  /** Bind to the handle's `pointerdown`. */
  start: (event: PointerEvent, cardId: string, label: string) => void;
  /** Stops a drag without moving anything. */
  cancel: () => void;
}

export function useCardDrag(options: UseCardDragOptions): CardDrag {
  const drag = shallowRef<DragState | null>(null);
  const threshold = options.threshold ?? 6;
  let cleanup: (() => void) | null = null;

  function targetAt(clientX: number, clientY: number, cardId: string): DropTarget | null {
    const root = options.root.value;
    if (!root) return null;
    const hit = document.elementFromPoint(clientX, clientY);
    let zone = hit instanceof Element ? hit.closest<HTMLElement>('[data-quadrant]') : null;
    if (zone && !root.contains(zone)) zone = null;
    if (!zone) {
      // Between quadrants: take the nearest one horizontally and vertically.
      let best: { el: HTMLElement; d: number } | null = null;
      for (const q of SWOT_QUADRANTS) {
        const el = root.querySelector<HTMLElement>(`[data-quadrant="${q}"]`);
        if (!el) continue;
        const r = el.getBoundingClientRect();
        const dx = Math.max(r.left - clientX, 0, clientX - r.right);
        const dy = Math.max(r.top - clientY, 0, clientY - r.bottom);
        const d = dx * dx + dy * dy;
        if (!best || d < best.d) best = { el, d };
      }
      if (!best || best.d > 80 * 80) return null;
      zone = best.el;
    }
    const quadrant = zone.dataset.quadrant;
    if (!isQuadrant(quadrant)) return null;
    const boxes = [...zone.querySelectorAll<HTMLElement>('[data-card-id]')]
      .filter((el) => el.dataset.cardId !== cardId)
      .map((el) => el.getBoundingClientRect());
    return { quadrant, index: dropIndex(clientY, boxes) };
  }

  function start(event: PointerEvent, cardId: string, label: string): void {
    if (event.pointerType === 'mouse' && event.button !== 0) return;
    const handle = event.currentTarget;
    if (!(handle instanceof HTMLElement)) return;
    const card = handle.closest<HTMLElement>('[data-card-id]');
    if (!card) return;
    cancel();
    event.preventDefault();

    const pointerId = event.pointerId;
    const startX = event.clientX;
    const startY = event.clientY;
    const rect = card.getBoundingClientRect();
    const offsetX = startX - rect.left;
    const offsetY = startY - rect.top;
    let lastX = startX;
    let lastY = startY;
    let active = false;
    let scrollFrame: number | null = null;

    try {
      handle.setPointerCapture(pointerId);
    } catch {
      // capture is a convenience; window listeners below still see the events
    }

    const update = (): void => {
      drag.value = {
        cardId,
        label,
        x: lastX - offsetX,
        y: lastY - offsetY,
        width: rect.width,
        target: targetAt(lastX, lastY, cardId),
      };
    };

    const autoScroll = (): void => {
      scrollFrame = null;
      if (!active) return;
      const speed = edgeScrollSpeed(lastY, window.innerHeight);
      if (speed !== 0) {
        window.scrollBy(0, speed);
        update();
        scrollFrame = window.requestAnimationFrame(autoScroll);
      }
    };

    const onMove = (e: PointerEvent): void => {
      if (e.pointerId !== pointerId) return;
      lastX = e.clientX;
      lastY = e.clientY;
      if (!active) {
        if (Math.hypot(lastX - startX, lastY - startY) < threshold) return;
        active = true;
        document.documentElement.classList.add('is-dragging-card');
      }
      e.preventDefault();
      update();
      if (scrollFrame === null) scrollFrame = window.requestAnimationFrame(autoScroll);
    };

    const onUp = (e: PointerEvent): void => {
      if (e.pointerId !== pointerId) return;
      const target = active ? targetAt(e.clientX, e.clientY, cardId) : null;
      finish();
      if (target) options.onDrop(cardId, target);
    };

    const onCancel = (e: PointerEvent): void => {
      if (e.pointerId === pointerId) finish();
    };

    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') {
        e.preventDefault();
        finish();
      }
    };

    const finish = (): void => {
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      window.removeEventListener('pointercancel', onCancel);
      window.removeEventListener('keydown', onKey, true);
      if (scrollFrame !== null) window.cancelAnimationFrame(scrollFrame);
      scrollFrame = null;
      try {
        if (handle.hasPointerCapture(pointerId)) handle.releasePointerCapture(pointerId);
      } catch {
        // already released
      }
      document.documentElement.classList.remove('is-dragging-card');
      active = false;
      drag.value = null;
      cleanup = null;
    };

    window.addEventListener('pointermove', onMove, { passive: false });
    window.addEventListener('pointerup', onUp);
    window.addEventListener('pointercancel', onCancel);
    window.addEventListener('keydown', onKey, true);
    cleanup = finish;
  }

  function cancel(): void {
    cleanup?.();
  }

  onScopeDispose(cancel);

  return { drag, start, cancel };
}
