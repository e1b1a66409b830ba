import { loadContract } from '../../contract/load.ts';
import { operationOf } from '../../contract/apis.ts';
import { diffContracts, failsOn, renderJson, renderMarkdown, renderText } from '../../drift/index.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { requireApi } from '../api-option.ts';
import type { Command } from '../command.ts';

const formats = ['text', 'markdown'] as const;
const thresholds = ['breaking', 'any'] as const;

function oneOf<T extends string>(value: unknown, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw new UsageError(`diff: ${option} takes ${allowed.join(' or ')}, not "${String(value)}"`);
  return value as T;
}

/** `diff`: the drift between two contracts (doc editions) of one operation, rule by rule, graded for clients and implementations. */
export const diffCommand: Command = {
  name: 'diff',
  summary: 'List the changes between two contracts of one operation, each graded for clients and implementations',
  usage: 'migration-conformance diff <from-id> <to-id> [--json] [--format text|markdown] [--fail-on breaking|any]   (ids: <product>/<Operation>[@edition])',
  allowPositionals: true,
  options: {
    json: { type: 'boolean', description: 'Print { from, to, changes: [{ rule, kind, from, to, impact, source }] } as JSON' },
    format: { type: 'string', value: '<text|markdown>', description: 'text (default): one line per change, grouped by kind; markdown: a table for a pull-request comment' },
    'fail-on': {
      type: 'string',
      value: '<breaking|any>',
      description: 'Exit 1 when a change is breaking for either side, clients or implementations (breaking), or when there is any change (any)',
    },
  },
  run: async ({ values, positionals }, io) => {
    if (positionals.length !== 2) throw new UsageError(`diff: name two API ids, FROM and TO (got ${positionals.length})`);
    const [from, to] = positionals.map((id) => requireApi(id, 'diff')) as [string, string];
    if (operationOf(from) !== operationOf(to)) throw new UsageError(`diff: ${from} and ${to} are not editions of one operation (${operationOf(from)} vs ${operationOf(to)})`);
    const format = oneOf(values['format'], formats, '--format');
    const failOn = oneOf(values['fail-on'], thresholds, '--fail-on');
    if (values['json'] && format !== undefined) throw new UsageError('diff: --json and --format exclude each other');
    const diff = diffContracts(loadContract(from), loadContract(to));
    io.stdout.write(values['json'] ? renderJson(diff) : format === 'markdown' ? renderMarkdown(diff) : renderText(diff));
    return failOn !== undefined && failsOn(diff, failOn) ? exitCodes.runFailed : exitCodes.conforming;
  },
};
