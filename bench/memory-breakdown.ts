/**
 * Where a server's memory per open board goes: `npx tsx bench/memory-breakdown.ts [target]`
 * (after `npm run build`; target `ours` (default) or `reference`). Starts the server, then
 * reads its RSS after each step of scenario 4's set-up, 2.5 s after the step so the reading
 * settles: idle; 500 participants joined over HTTP in 25 meetings (ours only); their 500
 * Socket.io meeting channels (ours only); their 500 y-websocket connections on 100 boards.
 * Not part of `npm run bench`; docs/performance.md ("Scenario 4: memory") shows its output.
 */
import fs from 'node:fs';
import { prepareCohort, openMeetingChannels } from './lib/cohort';
import { LightClient } from './lib/light-client';
import { startServer, type TargetName } from './lib/servers';

const target = (process.argv[2] ?? 'ours') as TargetName;
const BOARDS = 100;
const PER_BOARD = 5;

function rssMiB(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN) / 1024;
}

const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2500));

const server = await startServer({
  target,
  placement: { serverCpus: null, generatorCpus: null },
});
const rows: [string, number][] = [];
const read = async (step: string): Promise<void> => {
  await settle();
  rows.push([step, rssMiB(server.pid)]);
};
try {
  await read('idle');
  const cohort = await prepareCohort(server, BOARDS, PER_BOARD);
  if (target === 'ours') await read(`${BOARDS * PER_BOARD} participants joined`);
  const channels =
    target === 'ours'
      ? await openMeetingChannels([server], cohort.slots, (s) => cohort.boards[s.board]!.id)
      : [];
  if (target === 'ours') await read(`${channels.length} meeting channels open`);
  const clients = cohort.slots.map(
    (slot) => new LightClient({ url: slot.url, clientId: 1000 + slot.index, onMarker: () => {} }),
  );
  await Promise.all(clients.map((c) => c.synced));
  await read(`${clients.length} board connections on ${BOARDS} boards`);
  for (const c of clients) c.ws.close();
  for (const s of channels) s.close();
} finally {
  await server.stop();
}
const idle = rows[0]![1];
console.info(`| ${target}: step | RSS (MiB) | above idle, per board (MiB) |`);
console.info('| --- | ---: | ---: |');
for (const [step, rss] of rows)
  console.info(`| ${step} | ${rss.toFixed(1)} | ${((rss - idle) / BOARDS).toFixed(3)} |`);
