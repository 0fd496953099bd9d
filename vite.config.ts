import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { build as esbuild } from 'esbuild';
import { defineConfig, type Plugin } from 'vite';

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

/** Where `npm run dev:server` listens; the dev client proxies API and sockets to it. */
const devServer = process.env.DEV_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: root('./client'),
  publicDir: root('./client/public'),
  plugins: [vue(), serviceWorkerPlugin()],
  define: {
    // Compile-time flags of Vue and vue-i18n: drop what the app does not use.
    __VUE_OPTIONS_API__: 'false',
    __VUE_PROD_DEVTOOLS__: 'false',
    __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false',
    __VUE_I18N_FULL_INSTALL__: 'true',
    __VUE_I18N_LEGACY_API__: 'false',
    __INTLIFY_PROD_DEVTOOLS__: 'false',
  },
  resolve: {
    alias: {
      '@shared': root('./shared'),
      '@client': root('./client/src'),
    },
  },
  build: {
    outDir: root('./dist/client'),
    emptyOutDir: true,
    // Old Android phones in the hall: keep the output plain ES2020.
    target: 'es2020',
    sourcemap: true,
  },
  server: {
    proxy: {
      '/api': devServer,
      '/healthz': devServer,
      '/socket.io': { target: devServer, ws: true },
      '/yjs': { target: devServer, ws: true },
    },
  },
});
