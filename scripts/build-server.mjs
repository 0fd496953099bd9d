// Bundles the server (and the shared/ code it imports) into dist/server/main.js.
// Dependencies stay in node_modules; path aliases come from tsconfig.json.
import fs from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry hashes: clear the old build so stale chunks do not pile up.
fs.rmSync('dist/server', { recursive: true, force: true });

await build({
  entryPoints: ['server/main.ts'],
  outdir: 'dist/server',
  // Modules loaded with import() (PostgreSQL, Redis, exports) become chunks of their own, so
  // their dependencies load only when used.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
