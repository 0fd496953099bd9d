/**
 * Sections of vi.ts that no screen of the participant's first page uses: the build moves them
 * out of the first page's messages into vi-later.ts (scripts/vite/precompile-messages.ts), and
 * the screens that use them load it with their code (`withLaterMessages` in index.ts). A key
 * of these sections used on the first page would show as the key: keep this list to the
 * home page, the projector and the board kinds other than SWOT.
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
] as const;
