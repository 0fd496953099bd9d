/**
 * Summary of a V8 `.cpuprofile` (written by `node --cpu-prof`): self time and total time per
 * function, and self time per package, so a reader sees where the server spends its CPU.
 * Time per sample comes from `timeDeltas`, which is more exact than hit counts.
 */

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface FunctionTime {
  name: string;
  where: string;
  selfMs: number;
  /** Time with this function anywhere on the stack. */
  totalMs: number;
  selfShare: number;
}

export interface ProfileSummary {
  /** Profiled wall time, ms. */
  wallMs: number;
  /** Time not idle (JS, native, GC), ms. */
  busyMs: number;
  idleMs: number;
  gcMs: number;
  functions: FunctionTime[];
  packages: { name: string; selfMs: number; share: number }[];
}

/** Who a script belongs to: a package under node_modules, our bundle, or Node itself. */
export function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1] as string;
  if (url.startsWith('node:')) return 'node (internal)';
  if (url.includes('dist/server/')) return 'bàn tròn server (dist/server/main.js)';
  return url;
}

function shortWhere(frame: CallFrame): string {
  const url = frame.url.replace(/^file:\/\//, '');
  const nm = url.lastIndexOf('node_modules/');
  const file =
    nm >= 0 ? url.slice(nm + 'node_modules/'.length) : url.replace(/^.*\/(dist\/)/, '$1');
  return file ? `${file}:${frame.lineNumber + 1}` : '';
}

export function summarizeProfile(profile: CpuProfile): ProfileSummary {
  const byId = new Map<number, ProfileNode>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) {
    byId.set(node.id, node);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const keyOf = (node: ProfileNode): string =>
    `${node.callFrame.functionName || '(anonymous)'}|${shortWhere(node.callFrame)}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const packages = new Map<string, number>();
  let idleUs = 0;
  let gcUs = 0;
  let allUs = 0;

  for (let i = 0; i < profile.samples.length; i++) {
    // A sample's time is the delta to the next sample.
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const node = byId.get(profile.samples[i] as number);
    if (!node || dt <= 0) continue;
    allUs += dt;
    const name = node.callFrame.functionName;
    if (name === '(idle)') {
      idleUs += dt;
      continue;
    }
    if (name === '(garbage collector)') gcUs += dt;
    const key = keyOf(node);
    self.set(key, (self.get(key) ?? 0) + dt);
    const pkg = packageOf(node.callFrame.url, name);
    packages.set(pkg, (packages.get(pkg) ?? 0) + dt);
    const seen = new Set<string>();
    for (let id: number | undefined = node.id; id !== undefined; id = parent.get(id)) {
      const n = byId.get(id);
      if (!n) break;
      const k = keyOf(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  }
  const busyUs = allUs - idleUs;
  const ms = (us: number): number => Math.round(us / 100) / 10;
  const share = (us: number): number => (busyUs > 0 ? Math.round((us / busyUs) * 1000) / 1000 : 0);
  // Every function seen on a stack, including those that only ever called others.
  const functions = [...total.entries()]
    .map(([key, totalUs]) => {
      const [name, where] = key.split('|') as [string, string];
      const us = self.get(key) ?? 0;
      return { name, where, selfMs: ms(us), totalMs: ms(totalUs), selfShare: share(us) };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
  return {
    wallMs: ms(allUs),
    busyMs: ms(busyUs),
    idleMs: ms(idleUs),
    gcMs: ms(gcUs),
    functions,
    packages: [...packages.entries()]
      .map(([name, us]) => ({ name, selfMs: ms(us), share: share(us) }))
      .sort((a, b) => b.selfMs - a.selfMs),
  };
}

/** The total time of the functions whose name matches, for "how long did X take in all". */
export function totalOf(summary: ProfileSummary, name: RegExp): FunctionTime[] {
  return summary.functions.filter((f) => name.test(f.name)).sort((a, b) => b.totalMs - a.totalMs);
}

export function formatProfileSummary(summary: ProfileSummary, top = 25): string {
  const pct = (v: number): string => `${(v * 100).toFixed(1)} %`;
  const lines = [
    `profiled ${summary.wallMs} ms: busy ${summary.busyMs} ms, idle ${summary.idleMs} ms, GC ${summary.gcMs} ms`,
    '',
    '| self (ms) | share of busy | total (ms) | function | where |',
    '| ---: | ---: | ---: | --- | --- |',
    ...summary.functions
      .slice(0, top)
      .map((f) => `| ${f.selfMs} | ${pct(f.selfShare)} | ${f.totalMs} | ${f.name} | ${f.where} |`),
    '',
    '| self (ms) | share of busy | package |',
    '| ---: | ---: | --- |',
    ...summary.packages.slice(0, 15).map((p) => `| ${p.selfMs} | ${pct(p.share)} | ${p.name} |`),
  ];
  return lines.join('\n');
}
