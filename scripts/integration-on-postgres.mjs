// Runs the integration suite a second time with every test server on PostgreSQL
// (BANTRON_TEST_STORAGE=postgres, one database per test data directory). Skipped, saying
// so, when DATABASE_URL is not set; `.ci/run` sets it. The scale-out tests already run on
// PostgreSQL in the first pass and are not repeated.
import { spawnSync } from 'node:child_process';

if (!process.env.DATABASE_URL) {
  console.info('integration on PostgreSQL: skipped (DATABASE_URL not set; `.ci/run` sets it)');
  process.exit(0);
}
const result = spawnSync(
  'npx',
  ['vitest', 'run', '--project', 'integration', '--exclude', 'tests/integration/scale-out.test.ts'],
  { stdio: 'inherit', env: { ...process.env, BANTRON_TEST_STORAGE: 'postgres' } },
);
process.exit(result.status ?? 1);
