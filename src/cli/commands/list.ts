import { loadAllContracts, type Contract } from '../../contract/load.ts';
import { exitCodes } from '../../errors/index.ts';
import type { Command } from '../command.ts';

function summarise(contract: Contract) {
  const byKind: Record<string, number> = {};
  for (const rule of contract.rules) byKind[rule.kind] = (byKind[rule.kind] ?? 0) + 1;
  return {
    id: contract.id,
    title: contract.document.title,
    seed: contract.document.seed.file,
    binding: contract.document.binding.style,
    rules: contract.rules.length,
    rulesReadTwoWays: contract.rules.filter((r) => r.ambiguous !== undefined).length,
    rulesByKind: byKind,
    documentedErrors: contract.document.errors.length,
    statefulRules: contract.document.stateful.map((s) => s.id),
    contradictions: contract.document.contradictions.map((c) => ({ id: c.id, kind: c.kind, summary: c.summary, readings: c.readings.map((r) => ({ id: r.id, says: r.says, changesRules: r.patch !== undefined || r.transform !== undefined })) })),
  };
}

/** `list`: the APIs and editions, their rule counts by kind and their doc contradictions. */
export const listCommand: Command = {
  name: 'list',
  summary: 'List the APIs and doc editions, rule counts by kind, and doc contradictions',
  usage: 'migration-conformance list [--json]',
  allowPositionals: false,
  options: { json: { type: 'boolean', description: 'Print JSON instead of text' } },
  run: async ({ values }, io) => {
    const summaries = loadAllContracts().map(summarise);
    if (values['json']) {
      io.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
      return exitCodes.conforming;
    }
    for (const s of summaries) {
      const kinds = Object.entries(s.rulesByKind).map(([kind, n]) => `${kind} ${n}`).join(', ');
      io.stdout.write(`${s.id}  (${s.binding}, seed ${s.seed})\n  ${s.title}\n  ${s.rules} rules (${s.rulesReadTwoWays} read two ways by the documents): ${kinds}\n`);
      io.stdout.write(`  ${s.documentedErrors} documented error codes; stateful rules: ${s.statefulRules.join(', ') || 'none'}\n`);
      io.stdout.write(`  contradictions:\n${s.contradictions.map((c) => `    ${c.id} [${c.kind}] ${c.summary}${c.readings.some((r) => r.changesRules) ? `\n      readings: ${c.readings.map((r) => r.id).join(' | ')}` : ''}`).join('\n')}\n\n`);
    }
    return exitCodes.conforming;
  },
};
