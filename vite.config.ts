import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';
import { FIRST_PAGE_KEYS, LATER_SECTIONS } from './client/src/i18n/later-sections';
import { precompileMessagesPlugin } from './scripts/vite/precompile-messages';

const root = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Every file under `dir`, as paths relative to it with forward slashes. */
function filesUnder(dir: string, prefix = ''): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix + entry.name;
    if (entry.isDirectory()) return filesUnder(path.join(dir, entry.name), rel + '/');
    return entry.isFile() ? [rel] : [];
  });
}

/**
 * Emits `sw.js`: client/src/sw/service-worker.ts bundled on its own, with the list of files
 * to precache (every file of this build, plus client/public) and a version that changes
 * whenever any of them does. Browsers compare sw.js byte for byte, so a new build installs a
 * new worker, which precaches the new files and deletes the old cache.
 */
function serviceWorkerPlugin(): Plugin {
  let publicDir = '';
  return {
    name: 'bantron-service-worker',
    apply: 'build',
    enforce: 'post',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    generateBundle: {
      order: 'post',
      async handler(_options, bundle) {
        const publicFiles = filesUnder(publicDir);
        const files = [...new Set([...Object.keys(bundle), ...publicFiles, 'index.html'])]
          .filter((name) => !name.endsWith('.map') && name !== 'sw.js')
          // The record page reads only the API, which is never cached: precaching it would
          // make every phone download a page it cannot use offline.
          .filter((name) => !/^assets\/RecordView-/.test(name))
          .sort();
        const hash = createHash('sha256');
        for (const name of files) {
          hash.update(name + '\0');
          const chunk = bundle[name];
          if (chunk?.type === 'asset' && !name.startsWith('assets/')) hash.update(chunk.source);
        }
        for (const name of publicFiles) hash.update(fs.readFileSync(path.join(publicDir, name)));
        const manifest = { version: hash.digest('hex').slice(0, 16), files };
        const result = await esbuild({
          entryPoints: [root('./client/src/sw/service-worker.ts')],
          bundle: true,
          write: false,
          format: 'iife',
          target: 'es2020',
          minify: true,
          legalComments: 'none',
          define: { __SW_MANIFEST__: JSON.stringify(manifest) },
        });
        const code = result.outputFiles[0]?.text;
        if (!code) throw new Error('service worker build produced no output');
        this.emitFile({ type: 'asset', fileName: 'sw.js', source: code });
      },
    },
  };
}

/** Vue, its router and i18n, Pinia: needed by every page. */
const FRAMEWORK_MODULES =
  /node_modules[\\/](vue|@vue|vue-router|vue-i18n|@intlify|pinia)[\\/]|rolldown[\\/]runtime/;
/**
 * zod, the shared schemas and the client modules that parse with them at once (the record's
 * and the sample meeting's API): lazy chunks only. The participant's path checks answers
 * with the schemas in the background (client/src/api/contract.ts). They are kept out of the
 * `common` group, which would otherwise take them along with the app code they sit beside,
 * and zod with them, onto the first page (tests/integration/static-client.test.ts checks).
 */
/** What the shared schemas import that the first page needs too. */
const SCHEMA_DEPENDENCIES = /[\\/]shared[\\/](join-code|constants|domain|ids)\.ts$/;
const ZOD = /node_modules[\\/]zod[\\/]/;
const VALIDATION_MODULES =
  /[\\/]shared[\\/]schemas[\\/]|[\\/]client[\\/]src[\\/]api[\\/](answer-schemas|record|sample)\.ts$/;
/** Yjs, its providers and Socket.io: needed by every meeting page. */
const REALTIME_MODULES =
  /node_modules[\\/](yjs|lib0|y-websocket|y-protocols|y-indexeddb|socket\.io-client|socket\.io-parser|engine\.io-client|engine\.io-parser|@socket\.io|fractional-indexing)[\\/]/;
/** The meeting page itself (its view and the pieces under views/meeting/). */
const MEETING_WORKSPACE = /[\\/]client[\\/]src[\\/]views[\\/](MeetingView\.vue|meeting[\\/])/;
/** Our own code (client and shared). */
const APP_MODULES = /[\\/](client[\\/]src|shared)[\\/]/;

/** The routes a participant goes through from a join link to typing into a card. */
const CRITICAL_VIEWS = [/\/views\/JoinView\.vue$/, /\/views\/MeetingView\.vue$/];
/** The app's entry module (index.html's script). */
const ENTRY_MODULE = /[\\/]client[\\/]src[\\/]main\.ts$/;

/**
 * The modules a participant's first page imports statically: the entry's and the critical
 * views' static imports, transitively. Filled at the end of the build phase, before chunking.
 * The first page's groups below take only these: a lazy panel's or dialog's module (and what
 * only lazy screens share) must never ride in a file index.html preloads. Without this, the
 * workspace group took FirstRunGuide along because it sits under views/meeting/, and the
 * shared group took what two lazy screens share (CopyField: the share panel and the guide).
 */
const firstPageModules = new Set<string>();

function firstPageModulesPlugin(): Plugin {
  return {
    name: 'bantron-first-page-modules',
    apply: 'build',
    buildEnd() {
      firstPageModules.clear();
      const roots = [...this.getModuleIds()].filter(
        (id) => ENTRY_MODULE.test(id) || CRITICAL_VIEWS.some((re) => re.test(id)),
      );
      if (roots.length < CRITICAL_VIEWS.length) {
        throw new Error(`first page: found only ${roots.join(', ')}`);
      }
      const stack = roots;
      for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
        if (firstPageModules.has(id)) continue;
        firstPageModules.add(id);
        stack.push(...(this.getModuleInfo(id)?.importedIds ?? []));
      }
    },
  };
}

/** On the first page: in one of the chunks index.html preloads (see firstPageModules). */
const onFirstPage = (id: string): boolean => firstPageModules.has(id);

/**
 * Adds `<link rel="modulepreload">` (and a style preload) to index.html for every chunk of
 * the join and meeting views. Without it the browser learns of the join view only once the
 * entry has run, and of the meeting view only after `POST /api/join` has answered: two extra
 * round trips in series, 2 s each on the bench's slow 3G, while the link sits idle. The
 * facilitator's, projector's and record's chunks are not preloaded.
 */
function criticalPreloadPlugin(): Plugin {
  return {
    name: 'bantron-critical-preload',
    apply: 'build',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const html = bundle['index.html'];
        if (html?.type !== 'asset' || typeof html.source !== 'string') return;
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (name: string): void => {
          const chunk = bundle[name];
          if (chunk?.type !== 'chunk' || scripts.has(name)) return;
          scripts.add(name);
          for (const css of chunk.viteMetadata?.importedCss ?? []) styles.add(css);
          chunk.imports.forEach(visit);
        };
        for (const chunk of Object.values(bundle)) {
          const facade = chunk.type === 'chunk' ? (chunk.facadeModuleId ?? '') : '';
          if (CRITICAL_VIEWS.some((re) => re.test(facade))) visit(chunk.fileName);
        }
        const source = html.source;
        const links = [
          ...[...scripts]
            .filter((name) => !source.includes(`/${name}"`))
            .map((name) => `<link rel="modulepreload" crossorigin href="/${name}">`),
          ...[...styles]
            .filter((name) => !source.includes(`/${name}"`))
            .map((name) => `<link rel="preload" as="style" crossorigin href="/${name}">`),
        ];
        if (links.length === 0) return;
        html.source = source.replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
      },
    },
  };
}

/** vue-i18n's ES build, as the bundle resolves it. */
const VUE_I18N = /[\\/]vue-i18n[\\/]dist[\\/]vue-i18n\.mjs$/;
/** Its lookup of the current component, which reads Vue's namespace by a computed key. */
const VUE_I18N_INSTANCE_LOOKUP = `    const key = 'currentInstance';
    if (key in Vue) {
        return Vue[key];
    }
    else {
        return Vue.getCurrentInstance();
    }`;

/**
 * vue-i18n 11 finds the current component with `key in Vue` and `Vue[key]` on `import * as
 * Vue from 'vue'`: a namespace read by a computed key keeps every export of Vue in the bundle
 * (Transition, TransitionGroup, KeepAlive, Suspense, Teleport, custom elements, hydration:
 * none of which the app uses). Vue 3.5 does not export `currentInstance`, so the lookup always
 * ends in `Vue.getCurrentInstance()`: written so, the rest of Vue can be tree-shaken. The
 * build fails if the code is no longer there (a new vue-i18n), so the fix is never silently
 * lost; tests/integration/static-client.test.ts checks the first page for it too.
 */
function vueI18nNamespacePlugin(): Plugin {
  return {
    name: 'bantron-vue-i18n-namespace',
    apply: 'build',
    transform: {
      filter: { id: VUE_I18N },
      handler(code, id) {
        if (!VUE_I18N.test(id)) return null;
        if (!code.includes(VUE_I18N_INSTANCE_LOOKUP)) {
          this.error(`vue-i18n: the current-instance lookup changed (${id}); see vite.config.ts`);
        }
        // Same number of lines, so the lines after it keep their place and no map is needed.
        const lines = VUE_I18N_INSTANCE_LOOKUP.split('\n').length;
        return {
          code: code.replace(
            VUE_I18N_INSTANCE_LOOKUP,
            '    return Vue.getCurrentInstance();' + '\n'.repeat(lines - 1),
          ),
          map: null,
        };
      },
    },
  };
}

/** Where `npm run dev:server` listens; the dev client proxies API and sockets to it. */
const devServer = process.env.DEV_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig(({ command }) => ({
  root: root('./client'),
  publicDir: root('./client/public'),
  // The preload plugin edits index.html before the service worker's version hashes it.
  plugins: [
    vue(),
    precompileMessagesPlugin(LATER_SECTIONS, FIRST_PAGE_KEYS),
    firstPageModulesPlugin(),
    vueI18nNamespacePlugin(),
    criticalPreloadPlugin(),
    serviceWorkerPlugin(),
  ],
  define: {
    // Compile-time flags of Vue and vue-i18n: drop what the app does not use.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    // No <i18n-t>, <i18n-d>, <i18n-n> or v-t: the app translates with useI18n's t, d and n.
    __VUE_I18N_FULL_INSTALL__: 'false',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
    // The build's messages are functions already (precompileMessagesPlugin), so the browser
    // needs no message compiler; the dev server keeps it and compiles at run time.
    __INTLIFY_DROP_MESSAGE_COMPILER__: command === 'build' ? 'true' : 'false',
  },
  resolve: {
    alias: [
      { find: '@shared', replacement: root('./shared') },
      { find: '@client', replacement: root('./client/src') },
    ],
  },
  build: {
    outDir: root('./dist/client'),
    emptyOutDir: true,
    // Old Android phones in the hall: keep the output plain ES2020.
    target: 'es2020',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Few, larger files: the hall's server speaks HTTP/1.1, so a browser opens six
        // connections and every further wave of small files waits one more round trip (2 s on
        // the bench's slow 3G). The framework, the realtime stack and the app code shared by
        // several views each become one file; views and lazy panels keep their own.
        codeSplitting: {
          groups: [
            // zod alone (it imports nothing), so no group can take it along with app code.
            { name: 'zod', test: ZOD, priority: 40 },
            { name: 'framework', test: FRAMEWORK_MODULES, priority: 30 },
            { name: 'realtime', test: REALTIME_MODULES, priority: 20 },
            // The meeting workspace joins the shared app code: it is on every participant's
            // path, and one file fewer is one fewer wait for a free connection.
            // So do the small shared modules that both the schemas and the first page import:
            // a group takes its modules' dependencies along, so the validation group below
            // would take these and put itself (and zod) on the first page.
            {
              name: 'common',
              test: (id: string) =>
                (onFirstPage(id) && MEETING_WORKSPACE.test(id)) || SCHEMA_DEPENDENCIES.test(id),
              priority: 15,
            },
            {
              name: 'common',
              test: (id: string) =>
                onFirstPage(id) && APP_MODULES.test(id) && !VALIDATION_MODULES.test(id),
              minShareCount: 2,
              priority: 10,
            },
            // What several lazy screens share (the design system's cards, downloads, ranking):
            // one file of its own, never preloaded, rather than a file per module.
            {
              name: 'later',
              test: (id: string) =>
                !onFirstPage(id) && APP_MODULES.test(id) && !VALIDATION_MODULES.test(id),
              minShareCount: 2,
              priority: 8,
            },
            // Last, so that the modules the schemas import which the first page also needs
            // (shared/doc, Yjs) stay in the chunks above: a group takes its modules'
            // dependencies with it.
            { name: 'validation', test: VALIDATION_MODULES, priority: 5 },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': devServer,
      '/healthz': devServer,
      '/socket.io': { target: devServer, ws: true },
      '/yjs': { target: devServer, ws: true },
    },
  },
}));
