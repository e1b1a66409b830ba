import { createRequestJudge, type Judgement } from '../../contract/judge.ts';
import { loadContract } from '../../contract/load.ts';
import { formatSource } from '../../contract/source.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { apiOption, requireApi } from '../api-option.ts';
import { clockFrom, nowOption } from '../clock-option.ts';
import type { Command } from '../command.ts';
import { parseJson, readInput } from '../read-input.ts';

function headline(judged: Judgement): string {
  if (judged.verdict === 'valid') return 'valid';
  if (judged.verdict === 'ambiguous') return 'ambiguous: the readings of the documents disagree on this request';
  const broken = new Set(judged.violations.map((v) => v.rule)).size;
  return `invalid under every reading: ${broken} rule${broken === 1 ? '' : 's'} broken`;
}

function renderText(judged: Judgement): string {
  const firm = new Set(judged.firm);
  const lines = judged.violations.map(
    (v) =>
      `  ${v.rule}  ${v.pointer || '/'}  ${v.message}${!firm.has(v) && v.ambiguous ? `  [${v.ambiguous}: not every reading states it so]` : ''}\n      ${formatSource(v.source) || 'no provenance'}`,
  );
  const readings = judged.readings.map((r) => `  ${r.contradiction}: accepted by ${r.accepting.join(', ') || 'no reading'}; refused by ${r.refusing.join(', ') || 'no reading'}`);
  return `${[headline(judged), ...lines, ...(readings.length > 0 ? ['readings:', ...readings] : [])].join('\n')}\n`;
}

function renderLine(judged: Judgement): string {
  const firm = new Set(judged.firm);
  return `${JSON.stringify({
    verdict: judged.verdict,
    valid: judged.verdict === 'valid',
    violations: judged.violations.map((v) => ({ rule: v.rule, pointer: v.pointer, message: v.message, source: v.source, underEveryReading: firm.has(v), ...(v.ambiguous ? { ambiguous: v.ambiguous } : {}) })),
    readings: judged.readings,
  })}\n`;
}

/** `validate`: judges request documents under every reading of an edition's contract. */
export const validateCommand: Command = {
  name: 'validate',
  summary: 'Judge a request document under every reading of an API contract and name every broken rule',
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
    const judge = createRequestJudge(loadContract(api), { clock: clockFrom(values['now'], 'validate') });
    const text = await readInput(file, io);
    // Exit 1 only for a request every reading refuses; an ambiguous one is conforming under some reading.
    if (!values['jsonl']) {
      const judged = judge(parseJson(text, file === '-' ? 'standard input' : file));
      io.stdout.write(renderText(judged));
      return judged.verdict === 'invalid' ? exitCodes.runFailed : exitCodes.conforming;
    }
    let anyInvalid = false;
    for (const [index, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue;
      const judged = judge(parseJson(line, `line ${index + 1} of ${file === '-' ? 'standard input' : file}`));
      anyInvalid ||= judged.verdict === 'invalid';
      io.stdout.write(renderLine(judged));
    }
    return anyInvalid ? exitCodes.runFailed : exitCodes.conforming;
  },
};
