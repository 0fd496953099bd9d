/**
 * The servers under test, each started as its own child process and pinned to its own core
 * (taskset) so the load generator does not steal its CPU:
 *
 *   ours                 dist/server/main.js, temporary DATA_DIR (SQLite, synchronous=FULL)
 *   reference            y-websocket@2.1.0 bin/server.cjs, in memory
 *   reference+leveldb    the same with YPERSISTENCE=<dir> (its LevelDB persistence)
 *
 * A fresh process per measured scenario: peak RSS (VmHWM) and CPU seconds then belong to
 * that scenario alone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readProc, type ProcReading } from './proc-stats';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const OUR_ENTRY = path.join(ROOT, 'dist/server/main.js');
export const REFERENCE_ENTRY = path.join(
  ROOT,
  'node_modules/y-websocket-server-reference/bin/server.cjs',
);

export type TargetName = 'ours' | 'reference' | 'reference+leveldb';
export const ALL_TARGETS: TargetName[] = ['ours', 'reference', 'reference+leveldb'];

/**
 * Environment every run of our server gets. All simulated participants join from 127.0.0.1,
 * so the per-address join throttle (30 a minute, against code guessing) would refuse most of
 * them; it is lifted. Every other limit keeps its production default unless a scenario says
 * otherwise.
 */
export const OUR_BENCH_ENV: Record<string, string> = {
  JOIN_ATTEMPTS_PER_MINUTE: '1000000',
};

/**
 * Variables of the scale-out configuration (docs/deploy.md). They are never inherited from
 * the runner's environment (CI exports DATABASE_URL and REDIS_URL): "ours" is the single
 * instance on SQLite unless a scenario sets them (scenario 9, bench/lib/scale-out.ts).
 */
const SCALE_OUT_ENV = ['DATABASE_URL', 'REDIS_URL', 'REDIS_PREFIX', 'TOKEN_SECRET', 'INSTANCE_ID'];

function inheritedEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of SCALE_OUT_ENV) delete env[name];
  return env;
}

export interface Placement {
  /** CPU list for servers (taskset -c), or null when pinning is off. */
  serverCpus: string | null;
  /** CPU list for the generator (this process), or null. */
  generatorCpus: string | null;
}

/**
 * Sampling interval of `--cpu-prof`, µs. V8's default (1,000) costs the server enough CPU at
 * 200 clients to push it from about half a core into overload; 4,000 keeps the profiled run
 * close to an unprofiled one while still giving ~5,000 samples over 20 s.
 */
export const CPU_PROF_INTERVAL_US = 4000;

/**
 * The Node.js flags production starts our server with: those of `npm run serve` in
 * package.json, read from there so that the bench measures the server as it is deployed.
 */
export const OUR_NODE_FLAGS: string[] = (() => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const words = (pkg.scripts.serve ?? '').split(/\s+/);
  return words.slice(words.indexOf('node') + 1, words.indexOf('dist/server/main.js'));
})();

export interface ServerHandle {
  readonly target: TargetName;
  readonly pid: number;
  readonly port: number;
  readonly httpUrl: string;
  readonly wsBase: string;
  readonly dataDir: string;
  proc(): ProcReading | null;
  logs(): string;
  /** SIGTERM (graceful; our server then writes its --cpu-prof profile) and wait. */
  stop(): Promise<void>;
}

export interface StartOptions {
  target: TargetName;
  placement: Placement;
  /** Reuse this data directory (ours) / LevelDB directory (reference+leveldb). */
  dataDir?: string;
  env?: Record<string, string>;
  /** Directory for `node --cpu-prof` output (ours only). */
  cpuProfDir?: string;
}

/**
 * A fresh temporary data directory under os.tmpdir()/bantron-bench (the run records the
 * filesystem type: a tmpfs would make fsync free and flatter our server). Removed by
 * `removeDataDir` once the measurement is done.
 */
export function makeDataDir(label: string): string {
  const base = path.join(os.tmpdir(), 'bantron-bench');
  fs.mkdirSync(base, { recursive: true });
  return fs.mkdtempSync(path.join(base, `${label.replace(/[^a-z0-9]+/gi, '-')}-`));
}

export function removeDataDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function spawnPinned(args: string[], env: NodeJS.ProcessEnv, cpus: string | null): ChildProcess {
  const command = cpus ? 'taskset' : process.execPath;
  const argv = cpus ? ['-c', cpus, process.execPath, ...args] : args;
  return spawn(command, argv, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function startServer(options: StartOptions): Promise<ServerHandle> {
  const { target } = options;
  const dataDir = options.dataDir ?? makeDataDir(target);
  let child: ChildProcess;
  let readyPattern: RegExp;
  let fixedPort = 0;
  if (target === 'ours') {
    if (!fs.existsSync(OUR_ENTRY))
      throw new Error(`${OUR_ENTRY} is missing: run \`npm run build\` first.`);
    const nodeArgs = [
      ...OUR_NODE_FLAGS,
      ...(options.cpuProfDir
        ? [
            '--cpu-prof',
            `--cpu-prof-dir=${options.cpuProfDir}`,
            `--cpu-prof-interval=${CPU_PROF_INTERVAL_US}`,
          ]
        : []),
    ];
    child = spawnPinned(
      [...nodeArgs, OUR_ENTRY],
      {
        ...inheritedEnv(),
        NODE_ENV: 'production',
        PORT: '0',
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        ...OUR_BENCH_ENV,
        ...options.env,
      },
      options.placement.serverCpus,
    );
    readyPattern = /LISTENING (\d+)/;
  } else {
    fixedPort = await freePort();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: String(fixedPort),
    };
    delete env.YPERSISTENCE;
    if (target === 'reference+leveldb') env.YPERSISTENCE = dataDir;
    child = spawnPinned(
      [REFERENCE_ENTRY],
      { ...env, ...options.env },
      options.placement.serverCpus,
    );
    readyPattern = /running at/;
  }

  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 200_000) stderr = stderr.slice(-100_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const port = await new Promise<number>((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(
      () => reject(new Error(`${target} did not start in time:\n${stderr}`)),
      20_000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = readyPattern.exec(stdout);
      if (match) {
        clearTimeout(timer);
        resolve(match[1] ? Number(match[1]) : fixedPort);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${target} exited with ${code} before listening:\n${stderr}`));
    });
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${target}: no pid`);

  return {
    target,
    pid,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    wsBase: `ws://127.0.0.1:${port}`,
    dataDir,
    proc: () => readProc(pid),
    logs: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Pins this process (all its threads) to `cpus`; false when taskset is unavailable. */
export async function pinSelf(cpus: string): Promise<boolean> {
  return new Promise((resolve) => {
    const p = spawn('taskset', ['-a', '-p', '-c', cpus, String(process.pid)], { stdio: 'ignore' });
    p.once('error', () => resolve(false));
    p.once('exit', (code) => resolve(code === 0));
  });
}

/** Server on CPU 0, generator on CPU 1, when there are at least two CPUs and taskset works. */
export async function choosePlacement(enabled: boolean): Promise<Placement> {
  const cpus = os.availableParallelism();
  if (!enabled || cpus < 2) return { serverCpus: null, generatorCpus: null };
  const last = String(cpus - 1);
  const serverCpus = cpus === 2 ? '0' : `0-${Math.floor(cpus / 2) - 1}`;
  const generatorCpus = cpus === 2 ? last : `${Math.floor(cpus / 2)}-${last}`;
  if (!(await pinSelf(generatorCpus))) return { serverCpus: null, generatorCpus: null };
  return { serverCpus, generatorCpus };
}
