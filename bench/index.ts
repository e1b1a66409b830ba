/**
 * `npm run bench`: measured figures, printed as Markdown tables. Nothing here asserts a speed;
 * the numbers are for tracking across changes on the same machine.
 */
import os from 'node:os';
import { benchGenerators } from './generators.ts';

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

console.log(`# Benchmarks\n\n${new Date().toISOString()}, Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`);
console.log('## Generators (2,000 valid requests, 20 violations per rule, per edition)\n');
console.log('| API | valid req/s | violations/s | json-schema-faker req/s | faker output our validator accepts | our valid output accepted |');
console.log('|---|---:|---:|---:|---:|---:|');
for (const row of benchGenerators()) {
  console.log(`| ${row.api} | ${row.validPerSecond} | ${row.violationsPerSecond} | ${row.fakerPerSecond} | ${percent(row.fakerAccepted)} | ${percent(row.oursAccepted)} |`);
}
