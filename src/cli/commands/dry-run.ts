import { hourlyGeneration } from '../../../generators/context.ts';
import { createCaseGenerators } from '../../../generators/request-case.ts';
import { loadContract } from '../../contract/load.ts';
import type { ApiId } from '../../contract/apis.ts';
import { exitCodes } from '../../errors/index.ts';
import { redactText } from '../../protocols/redact.ts';
import { toCurl } from '../../protocols/wire-request.ts';
import { adapterOf } from '../../adapters/index.ts';
import { planCases } from '../../runner/plan.ts';
import type { RunOptions } from '../../runner/run-options.ts';
import { toBrokenWire, toWire } from '../../runner/wire.ts';
import type { CommandIo } from '../command.ts';

/** Prints every case a run would send, bound to its target, with its wire form as a curl command; sends nothing. */
export async function dryRun(options: RunOptions, io: CommandIo): Promise<number> {
  for (const [api, target] of Object.entries(options.targets)) {
    if (!target) continue;
    const contract = loadContract(api as ApiId);
    const binder = adapterOf(target).createBinder(target);
    for (const item of planCases(api, createCaseGenerators(contract, hourlyGeneration()), options.seed, options.plan).cases) {
      const line = { api, case: item.id, kind: item.case.kind, rule: item.case.rule ?? null, label: item.case.label, expected: item.case.expected };
      if (item.wire) {
        const wire = toBrokenWire(contract, target, item.wire, adapterOf(target).preflightDocument(target));
        // The oversized body is shown by its size only.
        const curl = wire.body !== undefined && wire.body.length > 4096 ? `${toCurl({ ...wire, body: '' }).replace(/ --data-binary ''$/, '')} --data-binary @<${wire.body.length} bytes>` : toCurl(wire);
        io.stdout.write(`${JSON.stringify({ ...line, wire: item.wire, curl: redactText(curl, options.secrets) })}\n`);
        continue;
      }
      const bound = await binder.bind(item.case);
      if ('skipped' in bound) {
        io.stdout.write(`${JSON.stringify({ ...line, skipped: bound.skipped })}\n`);
        continue;
      }
      bound.done({ created: false, kept: false });
      io.stdout.write(`${JSON.stringify({ ...line, document: JSON.parse(redactText(JSON.stringify(bound.request), options.secrets)) as unknown, curl: redactText(toCurl(toWire(contract, target, bound.request)), options.secrets) })}\n`);
    }
  }
  return exitCodes.conforming;
}
