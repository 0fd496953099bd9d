import { fileURLToPath, URL } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

const alias = {
  '@shared': root('./shared'),
  '@server': root('./server'),
  '@client': root('./client/src'),
};

/**
 * Three projects: unit tests sit beside the code they test; integration tests start real
 * server processes; e2e tests drive Chromium. `npm test` runs them in that order.
 */
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'client/src/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
          environment: 'node',
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          environment: 'node',
          // Hang guards: on a loaded machine a test may take several times its idle time.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // expect.poll waits for a condition; its cap only guards against a hang.
          expect: { poll: { timeout: 20_000 } },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // expect.poll waits for a condition (1 s by default, too short on a loaded machine).
          expect: { poll: { timeout: 20_000 } },
          // One browser at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
