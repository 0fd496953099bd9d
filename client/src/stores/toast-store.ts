/**
 * Toasts: short messages that confirm an action or say that one failed, shown in one corner by
 * UiToastHost (mounted once in App.vue). Successes and notes go away by themselves; errors
 * stay until dismissed, since they say what to do. At most MAX_TOASTS at once: a busy room
 * must not bury the screen.
 */
import { defineStore } from 'pinia';
import { ref } from 'vue';

/** How a toast reads: success (done), info (a note) or error (failed, with what to do). */
export type ToastTone = 'success' | 'info' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  /** The sentence, already translated. */
  message: string;
  /** An optional action on the toast ("Undo", "Retry"). */
  action?: { label: string; run: () => void };
}

/** How long a success or info toast stays. Errors stay until dismissed. */
export const TOAST_MS = 6000;
export const MAX_TOASTS = 4;

export const useToastStore = defineStore('toasts', () => {
  const toasts = ref<Toast[]>([]);
  const timers = new Map<number, ReturnType<typeof setTimeout>>();
  let nextId = 1;

  function dismiss(id: number): void {
    toasts.value = toasts.value.filter((t) => t.id !== id);
    const timer = timers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    timers.delete(id);
  }

  /** Shows a toast and returns its id. The same message twice in a row replaces the first. */
  function show(tone: ToastTone, message: string, action?: Toast['action']): number {
    const same = toasts.value.find((t) => t.message === message && t.tone === tone);
    if (same) dismiss(same.id);
    const toast: Toast = { id: nextId++, tone, message, ...(action ? { action } : {}) };
    toasts.value = [...toasts.value, toast];
    while (toasts.value.length > MAX_TOASTS) dismiss(toasts.value[0]!.id);
    if (tone !== 'error')
      timers.set(
        toast.id,
        setTimeout(() => dismiss(toast.id), TOAST_MS),
      );
    return toast.id;
  }

  return {
    toasts,
    dismiss,
    show,
    success: (message: string, action?: Toast['action']) => show('success', message, action),
    info: (message: string, action?: Toast['action']) => show('info', message, action),
    error: (message: string, action?: Toast['action']) => show('error', message, action),
  };
});
