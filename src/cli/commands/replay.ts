import type { Expectation, RequestCase } from '../../../generators/request-case.ts';
import type { Finding } from '../../checks/finding.ts';
import { isApiId, type ApiId } from '../../contract/apis.ts';
import { exitCodes, InputError, UsageError } from '../../errors/index.ts';
import { loadProfile } from '../../profile/load-profile.ts';
import { isFailing } from '../../checks/finding.ts';
import { startEmbeddedTargets } from '../embedded-targets.ts';
import { preflight } from '../../runner/preflight.ts';
import { runApi } from '../../runner/run-api.ts';
import { targetFor, withEnvironmentCredentials } from '../../runner/target.ts';
import type { Command } from '../command.ts';
import { parseJson, readInput } from '../read-input.ts';

interface ReportFile {
  readonly seed?: number;
  readonly findings?: readonly Finding[];
}

/** The failing cases of a report, one per case id, as cases that can be sent again. */
function failingCases(report: ReportFile, strict: boolean): Map<ApiId, RequestCase[]> {
  const byApi = new Map<ApiId, RequestCase[]>();
  const seen = new Set<string>();
  for (const finding of report.findings ?? []) {
    if (!isFailing(finding, strict) || !finding.case || seen.has(finding.caseId) || !isApiId(finding.api)) continue;
    seen.add(finding.caseId);
    const list = byApi.get(finding.api) ?? [];
    list.push({
      kind: finding.case.kind,
      label: finding.case.label,
      ...(finding.rule ? { rule: finding.rule } : {}),
      ...(finding.case.pointer ? { pointer: finding.case.pointer } : {}),
      request: finding.case.document,
      expected: finding.case.expected as Expectation,
    });
    byApi.set(finding.api, list);
  }
  return byApi;
}

/** `replay`: sends a report's failing cases again, to the same target or another one. */
export const replayCommand: Command = {
  name: 'replay',
  summary: "Send a report's failing cases again, to the same or another target, and say which still fail",
  usage: 'migration-conformance replay <report.json> [--profile F] [--strict]',
  allowPositionals: true,
  options: {
    profile: { type: 'string', valueType: 'path', value: '<file>', description: 'Target profile (default: the embedded emulator)' },
    strict: { type: 'boolean', description: 'Replay drift findings too, and count them as failures' },
  },
  run: async ({ values, positionals }, io) => {
    if (positionals.length !== 1) throw new UsageError('replay: name one report.json');
    const file = positionals[0] as string;
    const report = parseJson(await readInput(file, io), file) as ReportFile;
    if (!Array.isArray(report.findings)) throw new InputError(`${file} has no findings array; is it a report.json of a run?`);
    const strict = values['strict'] === true;
    const cases = failingCases(report, strict);
    if (cases.size === 0) {
      io.stdout.write('no failing case to replay\n');
      return exitCodes.conforming;
    }
    const embedded = values['profile'] === undefined ? await startEmbeddedTargets() : undefined;
    try {
      const fromProfile = embedded ? undefined : loadProfile(values['profile'] as string);
      let stillFailing = 0;
      for (const [api, list] of cases) {
        const target = fromProfile ? withEnvironmentCredentials(targetFor(fromProfile, api)) : embedded?.targets[api];
        if (!target) throw new UsageError(`replay: the embedded emulator does not serve ${api}`);
        await preflight(api, target);
        const output = await runApi({ api, target, seed: report.seed ?? 0, cases: list, shrink: { cases: 0, requests: 0 }, allowCreate: true });
        for (const [index, c] of list.entries()) {
          const failing = output.findings.filter((f) => f.caseId === `${api}#${index + 1}` && isFailing(f, strict));
          stillFailing += failing.length > 0 ? 1 : 0;
          io.stdout.write(`${failing.length > 0 ? 'FAILS ' : 'passes'} ${api} ${c.rule ?? '(valid)'} (${c.label})${failing.map((f) => `\n    ${f.check}: ${f.message}`).join('')}\n`);
        }
      }
      io.stdout.write(`${stillFailing} of ${[...cases.values()].flat().length} cases still fail\n`);
      return stillFailing > 0 ? exitCodes.runFailed : exitCodes.conforming;
    } finally {
      await embedded?.close();
    }
  },
};
