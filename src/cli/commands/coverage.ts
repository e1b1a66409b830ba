import { measureCoverage } from '../../../generators/index.ts';
import { loadContract } from '../../contract/load.ts';
import { apiIds, type ApiId } from '../../contract/apis.ts';
import { exitCodes } from '../../errors/index.ts';
import { apiOption, requireApi } from '../api-option.ts';
import type { Command } from '../command.ts';
import { countFrom, seedFrom, seedOption } from '../seed-option.ts';

/** `coverage`: every rule with the number of violation and boundary cases the generators make for it. */
export const coverageCommand: Command = {
  name: 'coverage',
  summary: 'List every rule with the number of violation and boundary-valid cases generated for it',
  usage: 'migration-conformance coverage [--api <id>] [--samples N] [--seed S] [--json]',
  allowPositionals: false,
  options: {
    api: { ...apiOption, description: `${apiOption.description} (default: all)` },
    samples: { type: 'string', valueType: 'count', value: '<n>', description: 'Samples per rule and mode (default 20)' },
    seed: seedOption,
    json: { type: 'boolean', description: 'Print JSON' },
  },
  run: async ({ values }, io) => {
    const ids: readonly ApiId[] = values['api'] === undefined ? apiIds : [requireApi(values['api'], 'coverage')];
    const seed = seedFrom(values['seed'] ?? '1', 'coverage');
    const samples = countFrom(values['samples'], 'samples', 'coverage', 20);
    let uncovered = 0;
    const report = ids.map((id) => {
      const rows = measureCoverage(loadContract(id), { seed, samples });
      uncovered += rows.filter((r) => r.violationCases === 0 || r.boundaryCases === 0).length;
      return { api: id, rules: rows.length, covered: rows.filter((r) => r.violationCases > 0 && r.boundaryCases > 0).length, rows };
    });
    if (values['json']) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else
      for (const api of report) {
        io.stdout.write(`${api.api}: ${api.covered}/${api.rules} rules covered (${((100 * api.covered) / Math.max(1, api.rules)).toFixed(0)}%)\n`);
        io.stdout.write(`  ${'rule'.padEnd(44)} ${'kind'.padEnd(15)} violations boundaries  labels\n`);
        for (const r of api.rows)
          io.stdout.write(`  ${r.rule.padEnd(44)} ${r.kind.padEnd(15)} ${String(r.violationCases).padStart(10)} ${String(r.boundaryCases).padStart(10)}  ${r.violationLabels.join('; ')}${r.ambiguous ? `  [ambiguous: ${r.ambiguous}]` : ''}\n`);
      }
    return uncovered === 0 ? exitCodes.conforming : exitCodes.runFailed;
  },
};
