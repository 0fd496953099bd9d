/**
 * Binds a textarea to a Y.Text. Typing is applied to the Y.Text as a character diff (through
 * `onLocalChange`, which calls editCardText with the local origin); changes from elsewhere
 * (other people, undo) replace the textarea's value with the caret mapped through the
 * change's delta, so it stays next to the same characters while someone else types.
 *
 * The textarea's value is owned here, never bound with :value, so Vue's re-renders never
 * move the caret.
 */
import type * as Y from 'yjs';
import { nextTick, watch, type Ref } from 'vue';
import { mapSelectionThroughDelta, type DeltaOp } from '@client/lib/caret';

export interface UseCaretPreservingTextOptions {
  el: Readonly<Ref<HTMLTextAreaElement | null>>;
  /** The shared text; may change identity (a card re-created by redo). */
  text: () => Y.Text | undefined;
  /** Applies the textarea's new value to the document. */
  onLocalChange: (value: string) => void;
  /** The textarea's CSS has `field-sizing: content`: where supported, it is never measured. */
  sizedByCss?: boolean;
}

export interface CaretPreservingText {
  /** Bind to the textarea's `input` event. */
  onInput: () => void;
  /** Grows the textarea to fit its text (nothing to do when its CSS sizes it). */
  resize: () => void;
}

export function useCaretPreservingText(
  options: UseCaretPreservingTextOptions,
): CaretPreservingText {
  /** The text's length at the last fit: a text that only grew never needs to shrink. */
  let fittedLength = -1;
  /**
   * The box sizes itself (its CSS says `field-sizing: content` and the browser has it): no
   * measuring at all. Measuring a card's box forces a layout, and for a remote edit of a card
   * off screen (content-visibility skips its layout) a layout of that whole card: 25 ms per
   * remote edit at 4× CPU slowdown.
   */
  const sizedByCss =
    options.sizedByCss === true &&
    typeof CSS !== 'undefined' &&
    CSS.supports('field-sizing', 'content');

  /**
   * Fits the textarea's height to its text. Collapsing it to `auto` first (the only way to
   * find a smaller height) re-lays out the whole board, twice per keystroke; on a board of
   * 200 cards at 4× CPU slowdown that was a frame of 100 ms and more per key. So while the
   * text only grows, the box only grows when the text overflows it, which lays out nothing
   * beyond the textarea; the collapse is kept for a text that got shorter.
   */
  function resize(): void {
    const el = options.el.value;
    if (!el || sizedByCss) return;
    const length = el.value.length;
    const grew = fittedLength >= 0 && length >= fittedLength;
    fittedLength = length;
    if (grew) {
      if (el.scrollHeight > el.clientHeight) el.style.height = `${el.scrollHeight + 2}px`;
      return;
    }
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }

  /** Fits from scratch (new text, new width, new font): the height may have to shrink. */
  function refit(): void {
    fittedLength = -1;
    resize();
  }

  function applyRemote(el: HTMLTextAreaElement, next: string, delta: readonly DeltaOp[]): void {
    if (el.value === next) return;
    if (document.activeElement === el) {
      const selection = mapSelectionThroughDelta(
        {
          start: el.selectionStart,
          end: el.selectionEnd,
          direction: el.selectionDirection === 'backward' ? 'backward' : 'forward',
        },
        delta,
      );
      const scrollTop = el.scrollTop;
      el.value = next;
      el.setSelectionRange(
        Math.min(selection.start, next.length),
        Math.min(selection.end, next.length),
        selection.direction,
      );
      el.scrollTop = scrollTop;
    } else {
      el.value = next;
    }
    resize();
  }

  watch(
    [options.el, options.text],
    ([el, text], _old, onCleanup) => {
      if (!el || !text) return;
      const initial = text.toString();
      if (el.value !== initial) el.value = initial;
      void nextTick(refit);
      // Heights measured with the fallback font are wrong once Be Vietnam Pro arrives.
      void document.fonts?.ready.then(refit);
      const observer = (event: Y.YTextEvent): void => {
        applyRemote(el, text.toString(), event.delta as DeltaOp[]);
      };
      text.observe(observer);
      onCleanup(() => text.unobserve(observer));
      // Re-fit when the card's width changes (layout, present mode, font loaded).
      if (!sizedByCss && typeof ResizeObserver !== 'undefined') {
        let width = el.clientWidth;
        const sizes = new ResizeObserver(() => {
          if (el.clientWidth === width) return;
          width = el.clientWidth;
          refit();
        });
        sizes.observe(el);
        onCleanup(() => sizes.disconnect());
      }
    },
    { immediate: true, flush: 'post' },
  );

  function onInput(): void {
    const el = options.el.value;
    if (!el) return;
    options.onLocalChange(el.value);
    resize();
  }

  return { onInput, resize };
}
