/**
 * `npx tsx bench/summarize-profile.ts <file.cpuprofile> [top] [--total=<regexp>]`: where the
 * time went in a profile written by `npm run bench -- --profile` (or any `node --cpu-prof`).
 * `--total` lists the total (inclusive) time of the functions whose name matches.
 */
import fs from 'node:fs';
import { formatProfileSummary, summarizeProfile, totalOf } from './lib/cpu-profile';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !/^\d+$/.test(a));
if (!file) {
  console.error('usage: tsx bench/summarize-profile.ts <file.cpuprofile> [top] [--total=<regexp>]');
  process.exit(2);
}
const top = Number(args.find((a) => /^\d+$/.test(a)) ?? 25);
const summary = summarizeProfile(JSON.parse(fs.readFileSync(file, 'utf8')));
console.info(formatProfileSummary(summary, top));
const total = args.find((a) => a.startsWith('--total='));
if (total) {
  console.info('\n| total (ms) | self (ms) | function | where |\n| ---: | ---: | --- | --- |');
  for (const f of totalOf(summary, new RegExp(total.slice(8)))) {
    console.info(`| ${f.totalMs} | ${f.selfMs} | ${f.name} | ${f.where} |`);
  }
}
