#!/usr/bin/env node
// `npm run bench [-- <options of bench.mjs>]`
//
// Every benchmark in one run, each printing its figures next to a baseline measured in the same run:
// the 10k reads (bench.mjs, which gets the options given here), BI sync (bench-bi.mjs), throughput
// against bare node:http / SQL servers (bench-throughput.mjs) and subscription fan-out against a raw
// ws broadcast (bench-fanout.mjs). The others run with their defaults; their own options go through
// their own scripts (`npm run bench:bi -- …`, `bench:throughput`, `bench:fanout`). Stops at the first
// benchmark that fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const steps = [
  ['bench.mjs', process.argv.slice(2)],
  ['bench-bi.mjs', []],
  ['bench-throughput.mjs', []],
  ['bench-fanout.mjs', []],
];
for (const [script, args] of steps) {
  const { status, signal } = spawnSync(process.execPath, [fileURLToPath(new URL(script, import.meta.url)), ...args], { stdio: 'inherit' });
  if (status !== 0) {
    console.error(`${script} failed (${signal ?? `exit code ${status}`})`);
    process.exit(status || 1);
  }
  console.log('');
}
