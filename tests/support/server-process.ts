/**
 * Starts the real production server (`dist/server/main.js`) as a child process on a random
 * port with its own data directory, as a user would run it. Tests kill it (SIGKILL for crash
 * tests, SIGTERM for a clean stop) and start it again on the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './scale-out';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SERVER_ENTRY = path.join(ROOT, 'dist/server/main.js');

export interface ServerProcess {
  readonly port: number;
  readonly url: string;
  readonly wsUrl: string;
  readonly dataDir: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stderr (its JSON log). */
  readonly logs: () => string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export interface StartOptions {
  /** Reuse a data directory (restart tests); a fresh temporary one otherwise. */
  dataDir?: string;
  /** Reuse a port (restart tests, so open clients reconnect to the same address). */
  port?: number;
  env?: Record<string, string>;
}

/**
 * `BANTRON_TEST_STORAGE=postgres` runs every test server on PostgreSQL (DATABASE_URL), one
 * database per data directory, so a restart on the same data directory finds its data again
 * (npm test runs the integration suite once per adapter).
 */
export const TEST_STORAGE = process.env.BANTRON_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite';

/** True when test servers store in SQLite files (tests reading them directly need that). */
export const onSqlite = TEST_STORAGE === 'sqlite';

/** The database of a test data directory when the suite runs on PostgreSQL. */
export function testDatabaseName(dataDir: string): string {
  return `bt_test_dir_${path
    .basename(dataDir)
    .replace(/[^a-zA-Z0-9]/g, '')
    .toLowerCase()}`;
}

async function storageEnv(dataDir: string): Promise<Record<string, string>> {
  if (TEST_STORAGE !== 'postgres') return {};
  if (!process.env.DATABASE_URL)
    throw new Error('BANTRON_TEST_STORAGE=postgres needs DATABASE_URL');
  return { DATABASE_URL: (await createTestDatabase(testDatabaseName(dataDir))).url };
}

export function makeDataDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'bantron-test-'));
}

export async function startServer(options: StartOptions = {}): Promise<ServerProcess> {
  if (!fs.existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build\` first (npm test does).`);
  }
  const dataDir = options.dataDir ?? makeDataDir();
  // CI exports DATABASE_URL and REDIS_URL for the scale-out tests; every other test server
  // runs the default install (SQLite, alone) unless the test or the adapter run asks.
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    cwd: ROOT,
    env: {
      ...inherited,
      ...(await storageEnv(dataDir)),
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      // Tests join many participants from one address; the attack suite sets its own limit.
      JOIN_ATTEMPTS_PER_MINUTE: '100000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start in time:\n${stderr}`)),
      60_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /LISTENING (\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    dataDir,
    child,
    logs: () => stderr,
    async kill(signal: NodeJS.Signals = 'SIGKILL') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}
