import path from 'node:path';
import { writeReports } from '../../../reports/index.ts';
import { exitCodes, InputError, UsageError } from '../../errors/index.ts';
import { mergeResults } from '../../runner/merge-results.ts';
import type { RunResult } from '../../runner/run-result.ts';
import type { Command } from '../command.ts';
import { parseJson, readInput } from '../read-input.ts';
import { exitCodeOf, verdictLines } from '../verdict-lines.ts';

/** `merge-reports`: one set of reports from the report.json files of a run's shards. */
export const mergeReportsCommand: Command = {
  name: 'merge-reports',
  summary: "Merge the report.json files of a sharded run (run --shard i/n) into one set of reports",
  usage: 'migration-conformance merge-reports <report.json>... [--report-dir D]',
  allowPositionals: true,
  options: { 'report-dir': { type: 'string', valueType: 'path', value: '<dir>', description: 'Where the merged reports go (default out/reports)' } },
  run: async ({ values, positionals }, io) => {
    if (positionals.length === 0) throw new UsageError('merge-reports: name the report.json of each shard');
    const results: RunResult[] = [];
    for (const file of positionals) {
      const result = parseJson(await readInput(file, io), file) as RunResult;
      if (!Array.isArray(result.findings) || !Array.isArray(result.findingCounts) || typeof result.keptPerKind !== 'number' || !Array.isArray(result.rules) || typeof result.coverage !== 'object') throw new InputError(`${file} is not a report.json of a run (of this version)`);
      results.push(result);
    }
    let merged: RunResult;
    try {
      merged = mergeResults(results);
    } catch (error) {
      throw new UsageError(`merge-reports: ${(error as Error).message.replace(/^mergeResults: /, '')}`);
    }
    const written = await writeReports(merged, path.resolve((values['report-dir'] as string | undefined) ?? path.join('out', 'reports')));
    io.stdout.write(verdictLines(merged, written));
    return exitCodeOf(merged.verdict);
  },
};
