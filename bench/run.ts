/**
 * `npm run bench` (after `npm run build`): runs the benchmark scenarios against our server and
 * the reference y-websocket server, writes bench/results/<date>.json and prints a table
 * with ratios ours/reference.
 *
 *   --quick              short run (smaller sizes, shorter phases)
 *   --only=1,3,6         run only these scenarios (1–9; 8 is the old-device client scenario,
 *                        9 the three instances on PostgreSQL and Redis)
 *   --targets=ours,reference,reference+leveldb   (default: all three; --quick: the first two)
 *   --no-pin             do not pin the servers and the generator to separate cores
 *   --report=<file.json> print the table and targets of an earlier run (no measurement)
 *   --sizes=200          scenario 1: these client counts only
 *   --boards=100         scenario 4: these board counts only
 *   --rounds=3           scenario 1, largest size: interleaved rounds over the targets (full
 *                        run: 2); each keeps its median-p99 round and lists all of them
 *   --profile[=1|3]      instead of the scenarios: scenario 1 at 200 clients (or scenario 3,
 *                        the cold load) against our server under `node --cpu-prof`, then a
 *                        summary of where the time goes (bench/results/profiles/<date>/)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { waitForQuiet, type BenchContext } from './lib/context';
import { summarizeProfile, formatProfileSummary } from './lib/cpu-profile';
import { probeDurableWrite } from './lib/disk-probe';
import { buildHistory } from './lib/history';
import { measureIdleRss } from './lib/idle-rss';
import type { Percentiles } from './lib/stats';
import { ALL_TARGETS, OUR_ENTRY, ROOT, choosePlacement, type TargetName } from './lib/servers';
import {
  buildTable,
  evaluateTargets,
  formatExtraTables,
  formatTable,
  formatTargets,
  type BenchResults,
} from './lib/report';
import { burstOptions, runBurst } from './scenarios/burst';
import { runClientWeight } from './scenarios/client-weight';
import { coldLoadFor, coldLoadOptions, runColdLoad } from './scenarios/cold-load';
import { runDurableAck } from './scenarios/durable-ack';
import { manyMeetingsOptions, runManyMeetings } from './scenarios/many-meetings';
import { runOldDevice } from './scenarios/old-device';
import { propagationAt, propagationOptions, runPropagation } from './scenarios/propagation';
import { runReplay } from './scenarios/replay';
import { runScaleOut } from './scenarios/scale-out';

interface Args {
  quick: boolean;
  only: Set<number> | null;
  targets: TargetName[];
  pin: boolean;
  profile: 1 | 3 | null;
  report: string | null;
  sizes: number[] | null;
  boards: number[] | null;
  rounds: number | null;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    quick: false,
    only: null,
    targets: [],
    pin: true,
    profile: null,
    report: null,
    sizes: null,
    boards: null,
    rounds: null,
  };
  for (const a of argv) {
    if (a === '--quick') args.quick = true;
    else if (a === '--no-pin') args.pin = false;
    else if (a === '--profile' || a === '--profile=1') args.profile = 1;
    else if (a === '--profile=3') args.profile = 3;
    else if (a.startsWith('--report=')) args.report = a.slice(9);
    else if (a.startsWith('--sizes=')) args.sizes = a.slice(8).split(',').map(Number);
    else if (a.startsWith('--boards=')) args.boards = a.slice(9).split(',').map(Number);
    else if (a.startsWith('--rounds='))
      args.rounds = Math.max(1, Math.min(5, Number(a.slice(9)) || 1));
    else if (a.startsWith('--only=')) args.only = new Set(a.slice(7).split(',').map(Number));
    else if (a.startsWith('--targets=')) {
      const wanted = a.slice(10).split(',');
      for (const t of wanted)
        if (!ALL_TARGETS.includes(t as TargetName)) throw new Error(`unknown target ${t}`);
      args.targets = wanted as TargetName[];
    } else if (a !== '--') throw new Error(`unknown argument ${a}`);
  }
  if (args.targets.length === 0) args.targets = args.quick ? [...QUICK_TARGETS] : [...ALL_TARGETS];
  return args;
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
  } catch {
    return null;
  }
}

/** A short hash of the server build, to notice a rebuild by someone else during the run. */
function buildHash(): string | null {
  try {
    return createHash('sha256').update(fs.readFileSync(OUR_ENTRY)).digest('hex').slice(0, 12);
  } catch {
    return null;
  }
}

function fsType(dir: string): string | null {
  try {
    return execFileSync('stat', ['-f', '-c', '%T', dir], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
}

const log = (line: string): void => console.info(line);

/** Extra time a full run may spend repeating measurements that others' processes disturbed. */
const RETRY_BUDGET_MS = 60_000;
/** Time a run may spend, in all, waiting for the machine to be quiet before measurements. */
const QUIET_BUDGET_MS = 40_000;
/** A quick run is a smoke test: it does not wait for a quiet machine. */
const QUICK_QUIET_BUDGET_MS = 0;
/** A quick run leaves the LevelDB reference out unless --targets names it. */
const QUICK_TARGETS: TargetName[] = ['ours', 'reference'];

async function profile(ctx: BenchContext, scenario: 1 | 3): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dir = path.join(ROOT, 'bench/results/profiles', `${stamp}-scenario-${scenario}`);
  fs.mkdirSync(dir, { recursive: true });
  const profCtx = { ...ctx, cpuProfDir: dir };
  await waitForQuiet(ctx);
  let run: unknown;
  if (scenario === 1) {
    const seconds = ctx.quick ? 5 : 20;
    log(
      `profiling our server: scenario 1 at 200 clients for ${seconds} s → ${path.relative(ROOT, dir)}`,
    );
    const r = await propagationAt(profCtx, 'ours', 200, seconds);
    log(
      `  p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  lost ${r.lost}  server CPU ${r.server.cpuSecondsMeasured} s`,
    );
    run = r;
  } else {
    log(`profiling our server: scenario 3, cold load → ${path.relative(ROOT, dir)}`);
    const options = coldLoadOptions(ctx.quick);
    const r = await coldLoadFor(profCtx, 'ours', buildHistory(options.updates), options);
    log(
      `  cold p50 ${r.cold?.p50} ms (server reply ${r.coldServerReply?.p50} ms), warm p50 ${r.warm.p50} ms`,
    );
    run = r;
  }
  const file = fs.readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error('no .cpuprofile was written');
  const summary = summarizeProfile(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  const text = formatProfileSummary(summary, 25);
  fs.writeFileSync(path.join(dir, 'summary.json'), JSON.stringify({ run, summary }, null, 2));
  fs.writeFileSync(path.join(dir, 'summary.md'), text);
  log(text);
}

/** Prints the table and the targets of a results file again (with this version's report code). */
function reprint(file: string): void {
  const results = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchResults;
  results.table = buildTable(results);
  results.targetsMet = evaluateTargets(results);
  log(formatTable(results.table, results.meta.targets));
  log('');
  log(formatExtraTables(results));
  log(formatTargets(results.targetsMet));
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.report !== null) {
    reprint(args.report);
    return;
  }
  const placement = await choosePlacement(args.pin);
  const ctx: BenchContext = {
    quick: args.quick,
    targets: args.targets,
    placement,
    log,
    retryBudget: { ms: args.quick ? 0 : RETRY_BUDGET_MS },
    quietBudget: { ms: args.quick ? QUICK_QUIET_BUDGET_MS : QUIET_BUDGET_MS },
  };
  log(
    `Bàn tròn benchmark${args.quick ? ' (quick)' : ''}: node ${process.version}, ${os.cpus().length} CPUs, ` +
      (placement.serverCpus
        ? `servers on CPU ${placement.serverCpus}, generator on CPU ${placement.generatorCpus}`
        : 'no pinning'),
  );
  if (args.profile !== null) {
    await profile(ctx, args.profile);
    return;
  }

  const started = performance.now();
  const want = (n: number): boolean => args.only === null || args.only.has(n);
  const results: BenchResults = {
    meta: {
      date: new Date().toISOString(),
      quick: args.quick,
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      placement,
      targets: args.targets,
      commit: gitCommit(),
      dataDirFs: fsType(os.tmpdir()),
      serverBuild: buildHash(),
      serverBuildChangedDuringRun: false,
      loadAverageStart: os.loadavg().map((v) => Math.round(v * 100) / 100),
      loadAverageEnd: [],
      durableWriteStart: probeDurableWrite(),
      durableWriteEnd: null,
      durationSeconds: 0,
    },
    scenarios: {},
  };
  const timed = async <T>(name: string, body: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const out = await body();
    log(`  (${name}: ${Math.round((performance.now() - t) / 1000)} s)`);
    return out;
  };
  // Memory per client and per board is what a server holds above a fresh one's.
  if (want(1) || want(4) || want(9))
    results.idleRss = await timed('idle RSS', () => measureIdleRss(ctx));
  if (want(1)) {
    const options = propagationOptions(args.quick);
    if (args.sizes) options.sizes = args.sizes;
    if (args.rounds !== null) options.rounds = args.rounds;
    results.scenarios.propagation = await timed('scenario 1', () => runPropagation(ctx, options));
  }
  if (want(2)) results.scenarios.burst = await timed('scenario 2', () => runBurst(ctx));
  if (want(3)) results.scenarios.coldLoad = await timed('scenario 3', () => runColdLoad(ctx));
  if (want(4)) {
    const options = manyMeetingsOptions(args.quick);
    if (args.boards) options.boards = args.boards;
    results.scenarios.manyMeetings = await timed('scenario 4', () => runManyMeetings(ctx, options));
  }
  if (want(5)) results.scenarios.durableAck = await timed('scenario 5', () => runDurableAck(ctx));
  if (want(6))
    results.scenarios.clientWeight = await timed('scenario 6', () => runClientWeight(ctx));
  if (want(7)) {
    results.scenarios.replay = await timed('scenario 7', () => runReplay());
    const r = results.scenarios.replay;
    log(
      `scenario 7, replay of ${r.updates} updates: cold ${r.coldMs} ms; warm p50 ${r.warmMs.p50} ms, p99 ${r.warmMs.p99} ms, max ${r.warmMs.max} ms`,
    );
  }
  if (want(8)) results.scenarios.oldDevice = await timed('scenario 8', () => runOldDevice(ctx));
  if (want(9))
    results.scenarios.scaleOut = await timed('scenario 9', () =>
      runScaleOut(ctx, {
        ...(results.scenarios.propagation ? { propagation: results.scenarios.propagation } : {}),
        ...(results.scenarios.burst
          ? { burst: results.scenarios.burst, burstOptions: burstOptions(args.quick) }
          : {}),
      }),
    );
  results.meta.durationSeconds = Math.round((performance.now() - started) / 1000);
  results.meta.loadAverageEnd = os.loadavg().map((v) => Math.round(v * 100) / 100);
  results.meta.durableWriteEnd = probeDurableWrite();
  const dw = (p: Percentiles | null): string => (p ? `p50 ${p.p50} ms, p99 ${p.p99} ms` : '–');
  log(
    `one fsync'd SQLite insert on this disk: at the start ${dw(results.meta.durableWriteStart)}; at the end ${dw(results.meta.durableWriteEnd)}`,
  );
  results.meta.serverBuildChangedDuringRun = buildHash() !== results.meta.serverBuild;
  if (results.meta.serverBuildChangedDuringRun) {
    log('warning: dist/server/main.js changed during the run (rebuilt by someone else?)');
  }

  results.table = buildTable(results);
  results.targetsMet = evaluateTargets(results);
  const dir = path.join(ROOT, 'bench/results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(
    dir,
    `${results.meta.date.replace(/[:.]/g, '-')}${args.quick ? '-quick' : ''}.json`,
  );
  fs.writeFileSync(file, JSON.stringify(results, null, 2));
  log('');
  log(formatTable(results.table, args.targets));
  log('');
  log(formatExtraTables(results));
  log(formatTargets(results.targetsMet));
  log('');
  log(`results: ${path.relative(ROOT, file)} (${results.meta.durationSeconds} s)`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
