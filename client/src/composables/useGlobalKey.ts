/**
 * A single-key shortcut for the whole page (`/` opens search, `?` the shortcut sheet) that
 * never fires while someone is typing: in a field, a card's text or any editable element the
 * key is just a character. Cleaned up with the calling scope.
 */
import { onScopeDispose } from 'vue';

/** True when the key press belongs to text entry, not to a page shortcut. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Buttons, checkboxes and radios take no text.
    return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/** Calls `handler` when `key` is pressed outside text entry, without Ctrl, Alt or Meta. */
export function useGlobalKey(key: string, handler: (event: KeyboardEvent) => void): void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== key || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.defaultPrevented || isTypingTarget(event.target)) return;
    event.preventDefault();
    handler(event);
  };
  window.addEventListener('keydown', onKeyDown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeyDown));
}
