import fs from 'node:fs';
import { prepareCohort, openMeetingChannels } from './lib/cohort';
import { LightClient } from './lib/light-client';
import { startServer } from './lib/servers';
const rss = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const settle = () => new Promise((r) => setTimeout(r, 2500));
const server = await startServer({ target: (process.env.PROBE_TARGET ?? 'ours') as any, env: JSON.parse(process.env.PROBE_ENV ?? '{}'), placement: { serverCpus: null, generatorCpus: null } } as any);
await settle();
console.log('idle', rss(server.pid).toFixed(1));
const cohort = await prepareCohort(server, 100, 5);
await settle();
console.log('after joins (500 participants, 25 meetings)', rss(server.pid).toFixed(1));
if (process.argv.includes('--snap-joins')) { process.kill(server.pid, 'SIGUSR2'); await new Promise((r) => setTimeout(r, 10000)); console.log('after heap snapshot (GC)', rss(server.pid).toFixed(1)); }
const sockets = process.argv.includes('--no-meeting') || server.target !== 'ours' ? [] : await openMeetingChannels(server, cohort.slots, (s) => cohort.boards[s.board]!.id);
await settle();
console.log('after 500 meeting channels', rss(server.pid).toFixed(1));
const clients = cohort.slots.map((s) => new LightClient({ url: s.url, clientId: 1000 + s.index, onMarker: () => {} }));
await Promise.all(clients.map((c) => c.synced));
await settle();
console.log('after 500 yjs clients on 100 boards', rss(server.pid).toFixed(1));
if (process.argv.includes('--snap')) { process.kill(server.pid, 'SIGUSR2'); await new Promise((r) => setTimeout(r, 8000)); }
for (const c of clients) c.ws.close();
for (const s of sockets) s.close();
await server.stop();
