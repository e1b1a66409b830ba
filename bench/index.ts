/**
 * `npm run bench`: measured figures, printed as Markdown tables. Nothing here asserts a speed;
 * the numbers are for tracking across changes on the same machine.
 */
import os from 'node:os';
import { startEmbeddedTargets } from '../src/cli/embedded-targets.ts';
import { loadProfile } from '../src/profile/load-profile.ts';
import { apisOfProfile } from '../src/runner/target.ts';
import { benchGenerators } from './generators.ts';
import { benchMemory } from './memory.ts';
import { benchParallel } from './parallel.ts';
import { benchProbe } from './probe.ts';
import { autocannonRate, bareClientRate, checkedCasesPerSecond, startNoopServer, targetAt } from './run.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

console.log(`# Benchmarks\n\n${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
console.log('## Generators (2,000 valid requests, 20 violations per rule, per edition)\n');
console.log('| API | valid req/s | violations/s | json-schema-faker req/s | faker output our validator accepts | our valid output accepted |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of benchGenerators()) {
  console.log(`| ${row.api} | ${row.validPerSecond} | ${row.violationsPerSecond} | ${row.fakerPerSecond} | ${percent(row.fakerAccepted)} | ${percent(row.oursAccepted)} |`);
}

console.log('\n## Probe: requests per bound (embedded emulator, every range, length and count rule; moved ones where it drifts)\n');
console.log('| API | emulator | bounds | placed exactly | mean requests per bound | most requests for one bound | seconds |');
console.log('|---|---|---:|---:|---:|---:|---:|');
for (const row of await benchProbe()) {
  console.log(`| ${row.api} | ${row.emulator} | ${row.bounds} | ${row.placed} | ${row.meanRequests} | ${row.maxRequests} | ${row.seconds} |`);
}

console.log('\n## Peak memory as the budget grows (the API with the most rules, no-op server that accepts everything, a fresh process per budget)\n');
console.log('| API | --budget | cases sent | requests per case | findings | kept whole | checked cases/s | peak RSS (MiB) |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
const memory = await benchMemory();
const perCase = (row: { requests: number; cases: number }) => row.requests / row.cases;
for (const row of memory) console.log(`| ${row.api} | ${row.budget} | ${row.cases} | ${perCase(row).toFixed(2)} | ${row.findings} | ${row.kept} | ${row.perSecond} | ${row.peakMiB} |`);
for (const [before, after] of memory.slice(1).map((row, index) => [memory[index], row] as const)) {
  if (before) console.log(`${before === memory[0] ? '\n' : ''}Peak at --budget ${after.budget} is ${(after.peakMiB / before.peakMiB).toFixed(2)} times that at --budget ${before.budget}.`);
}

console.log('\n## Shards at once: the --budget 20000 plan dealt to 1 or 2 processes running together against one no-op server\n');
console.log('| API | processes | cases | checked cases/s (start-up included) | CPU per case, every process and the server (µs) |');
console.log('|---|---:|---:|---:|---:|');
for (const row of await benchParallel()) console.log(`| ${row.api} | ${row.processes} | ${row.cases} | ${row.perSecond} | ${row.cpuMicrosPerCase} |`);

console.log('\n## Run throughput (default plan per API, concurrency 8, shrinking off)\n');
console.log('| API | target | cases | checked cases/s |');
console.log('|---|---|---:|---:|');
const noop = await startNoopServer();
try {
  // Every operation the default profile targets, by the same default plan.
  const apis = apisOfProfile(loadProfile());
  for (const api of apis) {
    const { cases, perSecond } = await checkedCasesPerSecond(api, targetAt(api, noop.url));
    console.log(`| ${api} | no-op loopback server | ${cases} | ${perSecond} |`);
  }
  const embedded = await startEmbeddedTargets();
  try {
    for (const api of apis) {
      const target = embedded.targets[api];
      if (!target) continue;
      const { cases, perSecond } = await checkedCasesPerSecond(api, target);
      console.log(`| ${api} | embedded emulator | ${cases} | ${perSecond} |`);
    }
  } finally {
    await embedded.close();
  }
  const raw = await autocannonRate(noop.url);
  console.log(`\nautocannon on the same no-op server: ${raw} requests/s (8 connections, 3 s).`);
  const bare = await bareClientRate(noop.url);
  console.log(`A bare node:http keep-alive client on it (8 connections, nothing but sending and parsing): ${bare.perSecond} requests/s, ${bare.cpuMicrosPerRequest} µs of CPU per request.`);
  // The tracked figure: checked cases/s of the 20,000-case run (memory table) against that raw rate.
  const deep = memory.find((row) => row.budget === 20_000) ?? memory.at(-1);
  if (deep) {
    const requestsPerSecond = Math.round(deep.perSecond * perCase(deep));
    console.log(`Checked cases/s of the --budget ${deep.budget} run: ${deep.perSecond}, ${((100 * deep.perSecond) / raw).toFixed(1)}% of the raw rate (its requests, cleanup calls included: ${requestsPerSecond}/s, ${((100 * requestsPerSecond) / raw).toFixed(1)}%).`);
    // What the machine allows whatever the threading: every core busy with nothing but this run and its server.
    const cpuPerCase = deep.clientCpuMicrosPerCase + deep.serverCpuMicrosPerCase;
    const cores = os.availableParallelism();
    console.log(`CPU per checked case in that run: ${deep.clientCpuMicrosPerCase} µs in the run's process + ${deep.serverCpuMicrosPerCase} µs in the no-op server = ${cpuPerCase} µs; ${cores} cores allow at most ${Math.floor((cores * 1e6) / cpuPerCase)} checked cases/s.`);
    console.log(`At ${perCase(deep).toFixed(2)} requests per case, the bare client alone would send ${Math.round(bare.perSecond / perCase(deep))} cases/s with nothing generated or checked.`);
  }
} finally {
  await noop.close();
}
