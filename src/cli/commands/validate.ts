import { formatSource } from '../../contract/source.ts';
import { loadContract } from '../../contract/load.ts';
import { createRequestValidator, type ValidationResult } from '../../contract/validator.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { apiOption, requireApi } from '../api-option.ts';
import { clockFrom, nowOption } from '../clock-option.ts';
import type { Command } from '../command.ts';
import { parseJson, readInput } from '../read-input.ts';

function renderText(result: ValidationResult): string {
  const broken = result.violations.filter((v) => v.ambiguous === undefined).length;
  const head = result.valid ? 'valid' : `invalid: ${broken} rule${broken === 1 ? '' : 's'} broken`;
  const lines = result.violations.map(
    (v) =>
      `  ${v.rule}  ${v.pointer || '/'}  ${v.message}${v.ambiguous ? `  [ambiguous: ${v.ambiguous}; not counted]` : ''}\n      ${formatSource(v.source) || 'no provenance'}`,
  );
  return `${[head, ...lines].join('\n')}\n`;
}

function renderLine(result: ValidationResult): string {
  return `${JSON.stringify({
    valid: result.valid,
    violations: result.violations.map((v) => ({ rule: v.rule, pointer: v.pointer, message: v.message, source: v.source, ...(v.ambiguous ? { ambiguous: v.ambiguous } : {}) })),
  })}\n`;
}

/** `validate`: checks request documents against an edition's contract. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check a request document against an API contract and name every broken rule',
  usage: 'migration-conformance validate --api <id> [--jsonl] [--now <time>] <file.json|->',
  allowPositionals: true,
  options: {
    api: apiOption,
    jsonl: { type: 'boolean', description: 'Read one request per line and print one JSON result per line' },
    now: nowOption,
  },
  run: async ({ values, positionals }, io) => {
    const api = requireApi(values['api'], 'validate');
    if (positionals.length !== 1) throw new UsageError('validate: name exactly one input file, or - for standard input');
    const file = positionals[0] as string;
    const validate = createRequestValidator(loadContract(api), { clock: clockFrom(values['now'], 'validate') });
    const text = await readInput(file, io);
    if (!values['jsonl']) {
      const result = validate(parseJson(text, file === '-' ? 'standard input' : file));
      io.stdout.write(renderText(result));
      return result.valid ? exitCodes.conforming : exitCodes.runFailed;
    }
    let allValid = true;
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const result = validate(parseJson(line, `line ${index + 1} of ${file === '-' ? 'standard input' : file}`));
      allValid &&= result.valid;
      io.stdout.write(renderLine(result));
    }
    return allValid ? exitCodes.conforming : exitCodes.runFailed;
  },
};
