// Bundles the server (and the shared/ code it imports) into dist/server/main.js.
// Dependencies stay in node_modules; path aliases come from tsconfig.json.
import { build } from 'esbuild';

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
