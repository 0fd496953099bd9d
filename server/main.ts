/**
 * Entry point: `node dist/server/main.js` (production) or `tsx server/main.ts` (dev).
 * Reads the configuration, starts the server, and stops it cleanly on SIGTERM/SIGINT.
 */
import { createServer, createStorage } from './app';
import { loadConfig } from './config';
import { createLogger, errorFields } from './logger';

/** Hard limit for a graceful stop; past it the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 5000;

async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.logLevel, config.instanceId);
  const server = await createServer(config, log, await createStorage(config));
  const port = await server.listen();
  log.info('Bàn tròn is listening', {
    url: `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`,
    port,
    storage: config.databaseUrl ? 'postgres' : 'sqlite',
    dataDir: config.dataDir,
    scaleOut: config.redisUrl !== undefined,
  });
  // Machine-readable line for tests and scripts that start the server on port 0.
  process.stdout.write(`LISTENING ${port}\n`);

  const stop = (signal: string): void => {
    log.info('stopping', { signal });
    const force = setTimeout(() => {
      log.error('graceful stop timed out; exiting');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    force.unref();
    server
      .close()
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        log.error('stop failed', errorFields(err));
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('uncaughtException', (err) => log.error('uncaught exception', errorFields(err)));
  process.on('unhandledRejection', (err) => log.error('unhandled rejection', errorFields(err)));
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Bàn tròn failed to start: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
});
