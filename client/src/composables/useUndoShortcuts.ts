/**
 * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (Cmd on a Mac) inside the board go to the board's undo
 * manager, also while a card's textarea has focus: the textarea's own undo would not know
 * about moves and deletions, and would replay other people's text.
 */
import { onScopeDispose, toValue, type MaybeRefOrGetter, type Ref } from 'vue';

export interface UseUndoShortcutsOptions {
  /** Shortcuts apply when focus is inside this element, or on nothing in particular. */
  root: Ref<HTMLElement | null>;
  enabled: MaybeRefOrGetter<boolean>;
  undo: () => void;
  redo: () => void;
}

/** Which history action a key event asks for, if any. */
export function undoActionOf(event: {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}): 'undo' | 'redo' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  const key = event.key.toLowerCase();
  const isZ = key === 'z' || event.code === 'KeyZ';
  const isY = key === 'y' || event.code === 'KeyY';
  if (isZ) return event.shiftKey ? 'redo' : 'undo';
  if (isY && !event.shiftKey) return 'redo';
  return null;
}

export function useUndoShortcuts(options: UseUndoShortcutsOptions): void {
  const onKeyDown = (event: KeyboardEvent): void => {
    if (!toValue(options.enabled)) return;
    const action = undoActionOf(event);
    if (!action) return;
    const target = event.target;
    const root = options.root.value;
    const inBoard = root !== null && target instanceof Node && root.contains(target);
    const onNothing = target === document.body || target === document.documentElement;
    if (!inBoard && !onNothing) return;
    event.preventDefault();
    if (action === 'undo') options.undo();
    else options.redo();
  };
  window.addEventListener('keydown', onKeyDown);
  onScopeDispose(() => window.removeEventListener('keydown', onKeyDown));
}
