/**
 * The scale-out configuration of our server (docs/deploy.md): several instances sharing one
 * PostgreSQL database and one Redis. Each measurement gets a database and a Redis key prefix
 * of its own (made and removed by the same helpers as the integration tests,
 * tests/support/scale-out.ts), so runs never see each other's data.
 *
 * All instances run on the servers' CPU (CPU 0 on two cores) and share it: together they
 * get what one instance gets elsewhere.
 */
import { randomBytes } from 'node:crypto';
import type { BenchContext } from './context';
import { removeDataDir, startServer, type ServerHandle } from './servers';
import type * as ScaleOutSupport from '../../tests/support/scale-out';

/** Where PostgreSQL and Redis are when the environment does not say (the CI machine's). */
export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const INSTANCES = 3;

/**
 * The test helpers read DATABASE_URL and REDIS_URL when their module loads, so the defaults
 * are put in the environment first and the module is loaded afterwards.
 */
async function support(): Promise<typeof ScaleOutSupport> {
  process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL;
  process.env.REDIS_URL ||= DEFAULT_REDIS_URL;
  return import('../../tests/support/scale-out');
}

/**
 * Starts `INSTANCES` instances of our server on a fresh database and Redis prefix, runs
 * `body`, then stops them and removes the database, the keys and the data directories.
 */
export async function withScaleOut<T>(
  ctx: BenchContext,
  body: (servers: ServerHandle[]) => Promise<T>,
  env: Record<string, string> = {},
): Promise<T> {
  const so = await support();
  const database = await so.createTestDatabase();
  const redis = await so.createTestRedis();
  const tokenSecret = randomBytes(32).toString('hex');
  const servers: ServerHandle[] = [];
  try {
    // One after another: the first runs the migrations; the others would wait on its lock.
    for (let k = 0; k < INSTANCES; k++) {
      servers.push(
        await startServer({
          target: 'ours',
          placement: ctx.placement,
          env: {
            DATABASE_URL: database.url,
            REDIS_URL: so.REDIS_URL,
            REDIS_PREFIX: redis.prefix,
            TOKEN_SECRET: tokenSecret,
            INSTANCE_ID: `bench${k + 1}`,
            ...env,
          },
        }),
      );
    }
    return await body(servers);
  } catch (err) {
    for (const [k, s] of servers.entries()) {
      const logs = s.logs().trim();
      if (logs) ctx.log(`  server log (instance ${k + 1}):\n${logs.slice(-1500)}`);
    }
    throw err;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    for (const s of servers) removeDataDir(s.dataDir);
    // Each clean-up on its own: a Redis that went away must not leave the database behind.
    await redis
      .cleanup()
      .catch((err: unknown) => ctx.log(`  Redis clean-up failed: ${String(err)}`));
    await database
      .drop()
      .catch((err: unknown) => ctx.log(`  database drop failed: ${String(err)}`));
  }
}
