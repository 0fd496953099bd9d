/**
 * The build compiles the messages ahead of time (scripts/vite/precompile-messages.ts) and
 * ships vue-i18n without its compiler: every message must read exactly as the compiler would
 * have made it at run time, in both languages, plurals and links included.
 */
import { createI18n } from 'vue-i18n';
import { describe, expect, it } from 'vitest';
import { compileTree } from '../../../scripts/vite/precompile-messages';
import en from './en';
import { LATER_SECTIONS } from './later-sections';
import vi from './vi';

/** Every key of a message tree, dotted. */
function keys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : keys(value as object, `${prefix}${key}.`),
  );
}

/** Any placeholder reads as its own name, so a wrong or missing one shows. */
const values = new Proxy({} as Record<string, unknown>, {
  get: (_target, name) => (typeof name === 'string' ? `<${name}>` : undefined),
  has: () => true,
});

describe('messages compiled at build time', () => {
  for (const [locale, messages] of [
    ['vi', vi],
    ['en', en],
  ] as const) {
    it(`read as the run-time compiler makes them (${locale})`, () => {
      // The plugin's output, evaluated as the bundle would.
      const compiled = new Function(
        `return ${compileTree(messages, locale)};`,
      )() as typeof messages;
      const options = { legacy: false, locale, missingWarn: false, fallbackWarn: false } as const;
      const runtime = createI18n({ ...options, messages: { [locale]: messages } }).global;
      const built = createI18n({ ...options, messages: { [locale]: compiled } }).global;
      const all = keys(messages);
      expect(all.length).toBeGreaterThan(100);
      for (const key of all) {
        for (const count of [1, 2]) {
          expect(built.t(key, values, count), key).toBe(runtime.t(key, values, count));
        }
      }
    });
  }

  it('keeps off the first page only sections that exist, and not all of them', () => {
    for (const section of LATER_SECTIONS) expect(Object.keys(vi)).toContain(section);
    expect(Object.keys(vi).length).toBeGreaterThan(LATER_SECTIONS.length * 2);
  });
});
