/**
 * Sections of vi.ts that no screen of the participant's first page uses: the build moves them
 * out of the first page's messages into vi-later.ts (scripts/vite/precompile-messages.ts), and
 * the screens that use them load it with their code (`withLaterMessages` in index.ts). A key
 * of these sections used on the first page would show as the key, unless it is listed in
 * FIRST_PAGE_KEYS: keep this list to the screens the participant's path never shows.
 */
export const LATER_SECTIONS = [
  'home',
  'present',
  'indicators',
  'priority',
  'voting',
  'scoring',
  'decision',
  'proposals',
  'record',
  // The workspace's dialogs (opened on demand: lib/lazy.ts) and the facilitator's panels.
  'search',
  'profile',
  'shortcuts',
  'participants',
  'share',
  // The home page's and the first-run guide's (both lazy).
  'created',
  'archiveImport',
  'sample',
] as const;

/**
 * Keys of those sections that the first page does use: the header's link to the record, the
 * buttons that open the lazy dialogs, the sample meeting's badge beside the title.
 */
export const FIRST_PAGE_KEYS: readonly string[] = [
  'record.openRecord',
  'record.openRecordHint',
  'search.open',
  'search.openHint',
  'profile.openLabel',
  'profile.setName',
  'shortcuts.open',
  'shortcuts.openHint',
  'sample.badge',
];
