/**
 * Every keyboard shortcut of the app, grouped as the shortcut sheet (`?`) shows them. One
 * list, so the sheet cannot drift from what the handlers do: each entry names the place in
 * the code that implements it. Keys are shown as <kbd> chips; `then` separates alternatives.
 */

/** One shortcut: the key combinations (any of them) and the i18n key of what it does. */
export interface Shortcut {
  /** Alternatives, each a list of keys pressed together, e.g. [['Ctrl', 'Z']]. */
  keys: string[][];
  /** i18n key under `shortcuts.actions`. */
  action: string;
}

export interface ShortcutGroup {
  /** i18n key under `shortcuts.groups`. */
  group: string;
  items: Shortcut[];
}

export const SHORTCUTS: readonly ShortcutGroup[] = [
  {
    group: 'everywhere',
    items: [
      { keys: [['?']], action: 'sheet' }, // ShortcutSheet.vue
      { keys: [['/']], action: 'search' }, // MeetingSearch.vue
      { keys: [['Tab'], ['Shift', 'Tab']], action: 'tab' },
      { keys: [['Esc']], action: 'close' }, // every <dialog>
      { keys: [['Ctrl', 'Z']], action: 'undo' }, // useUndoShortcuts.ts
      {
        keys: [
          ['Ctrl', 'Shift', 'Z'],
          ['Ctrl', 'Y'],
        ],
        action: 'redo',
      },
    ],
  },
  {
    group: 'swot',
    items: [
      {
        keys: [
          ['Alt', '↑'],
          ['Alt', '↓'],
        ],
        action: 'reorderCard',
      }, // useBoardInteractions.ts
      {
        keys: [
          ['Alt', '←'],
          ['Alt', '→'],
        ],
        action: 'moveQuadrant',
      },
      { keys: [['Enter']], action: 'addCard' }, // the quadrant's add button
    ],
  },
  {
    group: 'priority',
    items: [
      {
        keys: [
          ['Alt', '↑'],
          ['Alt', '↓'],
        ],
        action: 'reorderItem',
      }, // PriorityItem.vue
      { keys: [['Enter'], ['Space']], action: 'vote' }, // VotePanel.vue: the + and − buttons
    ],
  },
  {
    group: 'indicators',
    items: [
      { keys: [['↑'], ['↓'], ['←'], ['→']], action: 'moveCell' }, // useGridNavigation.ts
      { keys: [['Enter']], action: 'nextRow' },
    ],
  },
  {
    group: 'facilitator',
    items: [
      // The facilitator's controls are ordinary buttons, reached with Tab; none hides behind a key.
      { keys: [['Tab'], ['Enter']], action: 'facilitatorControls' },
    ],
  },
];
