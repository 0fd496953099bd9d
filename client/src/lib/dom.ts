/**
 * Small DOM helpers for templates, so components need no DOM types of their own.
 */
import type { Directive } from 'vue';

/** The value of the input, textarea or select an event came from ('' otherwise). */
export function inputValue(event: Event): string {
  const target = event.target;
  if (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  ) {
    return target.value;
  }
  return '';
}

/** Focuses the element when it appears; with the `select` modifier also selects its text. */
export const vAutofocus: Directive<HTMLElement> = {
  mounted(el, binding) {
    el.focus();
    if (binding.modifiers.select && el instanceof HTMLInputElement) el.select();
  },
};

/** Selects an input's whole text when it takes focus (links to copy). */
export const vSelectOnFocus: Directive<HTMLInputElement> = {
  mounted(el) {
    el.addEventListener('focus', () => el.select());
  },
};
