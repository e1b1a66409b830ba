import { isFailing, type Finding } from '../src/checks/finding.ts';
import type { RuleOutcome, RunResult } from '../src/runner/run-result.ts';
import { coverageReason } from './format-finding.ts';

/** Escapes text for XML, dropping characters XML 1.0 cannot hold. */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** The reproduction of a finding: its call sequence, else its (shrunk) request. */
function reproduction(f: Finding): string {
  return f.sequence ? f.sequence.map((c, i) => `# ${i + 1}: answered ${c.status ?? 'nothing'}\n${c.curl}`).join('\n') : (f.shrunk?.curl ?? f.curl);
}

/** Messages of findings that do not fail the run, as the test case's output. */
function systemOut(findings: readonly Finding[]): string {
  return findings.length === 0 ? '' : `<system-out>${xmlEscape(findings.map((f) => `[${f.severity}] ${f.message}`).join('\n'))}</system-out>`;
}

/** The skipped element of a family that was not covered: its state and why. */
function skipped(outcome: RuleOutcome): string {
  return `<skipped message="${xmlEscape(`${outcome.coverage}: ${coverageReason(outcome)}`)}"/>`;
}

/**
 * junit.xml: one test suite per API; one test case per rule and check for families the run covered;
 * one skipped test case per family it did not cover (inconclusive, not covered, not testable) with
 * the reason — unless a finding of the family fails the run, then its checks are test cases and the
 * failing ones fail.
 */
export function renderJunit(result: RunResult): string {
  const suites = new Map<string, { cases: string[]; failures: number; skipped: number }>();
  for (const outcome of result.rules) {
    const suite = suites.get(outcome.api) ?? { cases: [], failures: 0, skipped: 0 };
    suites.set(outcome.api, suite);
    const testcase = (name: string, body: string) => suite.cases.push(`    <testcase classname="${xmlEscape(outcome.api)}" name="${xmlEscape(name)}" time="0">${body}</testcase>`);
    const findings = result.findings.filter((f) => f.api === outcome.api && (f.rule ?? '(valid)') === outcome.rule);
    const failingFamily = findings.some((f) => isFailing(f, result.strict));
    if (outcome.coverage !== 'covered' && !failingFamily) {
      suite.skipped += 1;
      testcase(outcome.rule, `${skipped(outcome)}${systemOut(findings)}`);
      continue;
    }
    const checks = [...new Set([...Object.keys(outcome.checks), ...findings.map((f) => f.check)])];
    if (checks.length === 0) {
      suite.skipped += 1;
      testcase(`${outcome.rule} · (not run)`, '<skipped message="no case of this rule was sent"/>');
      continue;
    }
    for (const check of checks) {
      const ofCheck = findings.filter((f) => f.check === check);
      const failing = ofCheck.filter((f) => isFailing(f, result.strict));
      let body: string;
      if (failing.length > 0) {
        suite.failures += 1;
        body = `<failure message="${xmlEscape(failing[0]?.message ?? '')}" type="${xmlEscape(failing[0]?.code ?? '')}">${xmlEscape(failing.map((f) => `${f.message}\n${reproduction(f)}`).join('\n\n'))}</failure>`;
      } else if (outcome.coverage !== 'covered') {
        // A family not covered whose other checks failed: these checks told nothing either.
        suite.skipped += 1;
        body = `${skipped(outcome)}${systemOut(ofCheck)}`;
      } else body = systemOut(ofCheck);
      testcase(`${outcome.rule} · ${check}`, body);
    }
  }
  const all = [...suites.values()];
  const sum = (key: 'failures' | 'skipped') => all.reduce((n, s) => n + s[key], 0);
  const tests = all.reduce((n, s) => n + s.cases.length, 0);
  const body = [...suites]
    .map(([api, s]) => `  <testsuite name="${xmlEscape(api)}" tests="${s.cases.length}" failures="${s.failures}" skipped="${s.skipped}">\n${s.cases.join('\n')}\n  </testsuite>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="migration-conformance" tests="${tests}" failures="${sum('failures')}" skipped="${sum('skipped')}" time="${(result.durationMs / 1000).toFixed(3)}">\n${body}\n</testsuites>\n`;
}
