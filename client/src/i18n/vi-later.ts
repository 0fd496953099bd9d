/**
 * The Vietnamese messages the first page does not need (later-sections.ts). Empty in the
 * source: vi.ts holds every message, which the dev server and the tests use as they are. The
 * build fills this module with those sections and removes them from vi.ts.
 */
const later: Record<string, unknown> = {};
export default later;
