/**
 * A Vite build plugin that compiles the interface messages (client/src/i18n/vi.ts, en.ts)
 * at build time, so the browser gets vue-i18n's runtime-only build without the message
 * compiler (issue 14's bytes goal: the compiler is ~6 KB gzipped on the participant's first
 * page; vite.config.ts drops it with `__INTLIFY_DROP_MESSAGE_COMPILER__`). A message with
 * vue-i18n syntax (`{name}`, plurals, `@:` links) becomes the function the compiler would have
 * made at run time; a plain message becomes a function returning it. Every message must be a
 * function: vue-i18n 11 still registers its compile step, which, without the compiler, takes
 * any string for a precompiled AST.
 *
 * The dev server and the unit tests keep the compiler and compile at run time.
 */
import { pathToFileURL } from 'node:url';
import { baseCompile } from '@intlify/message-compiler';
import { build as esbuild } from 'esbuild';
import type { Plugin } from 'vite';

/** The message files, by absolute path. */
const MESSAGE_FILES = /[\\/]client[\\/]src[\\/]i18n[\\/](vi|en)\.ts$/;
/** The Vietnamese messages the first page does not need: filled from vi.ts here. */
const LATER_FILE = /[\\/]client[\\/]src[\\/]i18n[\\/]vi-later\.ts$/;
/** Characters vue-i18n gives a meaning to; a message without any of them is plain text. */
const SYNTAX = /[{}@$|]/;

/** One message as JavaScript source: a string literal, or a compiled message function. */
function compileMessage(message: string, where: string): string {
  if (!SYNTAX.test(message)) return `()=>${JSON.stringify(message)}`;
  const errors: string[] = [];
  const { code } = baseCompile(message, {
    mode: 'arrow',
    jit: false,
    onError: (err) => errors.push(err.message),
  });
  if (errors.length > 0) throw new Error(`message ${where}: ${errors.join('; ')}`);
  return code;
}

/** A message tree (nested objects of strings) as JavaScript source (an object literal). */
export function compileTree(tree: unknown, where: string): string {
  if (typeof tree === 'string') return compileMessage(tree, where);
  if (typeof tree !== 'object' || tree === null || Array.isArray(tree)) {
    throw new Error(`message ${where}: expected a string or an object`);
  }
  const entries = Object.entries(tree).map(
    ([key, value]) => `${JSON.stringify(key)}:${compileTree(value, `${where}.${key}`)}`,
  );
  return `{${entries.join(',')}}`;
}

/** The default export of a message file, evaluated in Node (it is plain data). */
async function loadMessages(file: string): Promise<unknown> {
  const result = await esbuild({
    entryPoints: [file],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
  });
  const code = result.outputFiles[0]?.text ?? '';
  const url = `data:text/javascript;base64,${Buffer.from(code).toString('base64')}`;
  const module = (await import(url)) as { default: unknown };
  return module.default;
}

/**
 * Splits vi.ts's messages: the sections `later` names go to vi-later.ts, but for the keys
 * (`section.key`) in `firstPage`, which stay.
 */
function splitMessages(
  tree: unknown,
  later: readonly string[],
  firstPage: readonly string[],
): { now: Record<string, unknown>; later: Record<string, unknown> } {
  const now: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(tree as object)) {
    if (!later.includes(section)) {
      now[section] = value;
      continue;
    }
    const kept = Object.entries(value as object).filter(([key]) =>
      firstPage.includes(`${section}.${key}`),
    );
    if (kept.length > 0) now[section] = Object.fromEntries(kept);
    rest[section] = Object.fromEntries(
      Object.entries(value as object).filter(([key]) => !firstPage.includes(`${section}.${key}`)),
    );
  }
  return { now, later: rest };
}

/**
 * `laterSections`: sections of vi.ts moved out of it into vi-later.ts, which the screens
 * that use them load, but for `firstPageKeys` (client/src/i18n/later-sections.ts). English
 * is one lazy file already.
 */
export function precompileMessagesPlugin(
  laterSections: readonly string[] = [],
  firstPageKeys: readonly string[] = [],
): Plugin {
  return {
    name: 'bantron-precompile-messages',
    apply: 'build',
    enforce: 'pre',
    async load(id) {
      const later = LATER_FILE.test(id);
      if (!later && !MESSAGE_FILES.test(id)) return null;
      const source = later ? id.replace(LATER_FILE, (m) => m.replace('vi-later', 'vi')) : id;
      this.addWatchFile(source);
      let messages = await loadMessages(source);
      const name = pathToFileURL(id).pathname.split('/').pop() ?? id;
      if (later || name === 'vi.ts') {
        const split = splitMessages(messages, laterSections, firstPageKeys);
        messages = later ? split.later : split.now;
      }
      return { code: `export default ${compileTree(messages, name)};\n`, map: null };
    },
  };
}
