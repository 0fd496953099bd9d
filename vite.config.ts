import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

const root = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev:server` listens; the dev client proxies API and sockets to it. */
const devServer = process.env.DEV_SERVER_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  root: root('./client'),
  publicDir: root('./client/public'),
  plugins: [vue()],
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
