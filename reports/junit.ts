import type { RunResult } from '../src/runner/run-result.ts';

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

/** junit.xml: one test suite per API, one test case per rule and check. */
export function renderJunit(result: RunResult): string {
  const suites = new Map<string, string[]>();
  let failures = 0;
  let tests = 0;
  for (const outcome of result.rules) {
    const cases = suites.get(outcome.api) ?? [];
    const checks = Object.entries(outcome.checks);
    if (checks.length === 0) checks.push(['(not run)', 'passed']);
    for (const [check, state] of checks) {
      tests += 1;
      const findings = result.findings.filter((f) => f.api === outcome.api && (f.rule ?? '(valid)') === outcome.rule && f.check === check);
      const failing = findings.filter((f) => f.severity === 'violation' || (result.strict && f.severity === 'drift'));
      const name = xmlEscape(`${outcome.rule} · ${check}`);
      let body = '';
      if (check === '(not run)') body = '<skipped message="no case of this rule was sent"/>';
      else if (failing.length > 0) {
        failures += 1;
        const reproduction = (f: (typeof failing)[number]) => (f.sequence ? f.sequence.map((c, i) => `# ${i + 1}: answered ${c.status ?? 'nothing'}\n${c.curl}`).join('\n') : f.curl);
        body = `<failure message="${xmlEscape(failing[0]?.message ?? '')}" type="${xmlEscape(failing[0]?.code ?? '')}">${xmlEscape(failing.map((f) => `${f.message}\n${reproduction(f)}`).join('\n\n'))}</failure>`;
      } else if (state === 'info') body = `<system-out>${xmlEscape(findings.map((f) => f.message).join('\n'))}</system-out>`;
      cases.push(`    <testcase classname="${xmlEscape(outcome.api)}" name="${name}" time="0">${body}</testcase>`);
    }
    suites.set(outcome.api, cases);
  }
  const body = [...suites].map(([api, cases]) => `  <testsuite name="${xmlEscape(api)}" tests="${cases.length}">\n${cases.join('\n')}\n  </testsuite>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="migration-conformance" tests="${tests}" failures="${failures}" time="${(result.durationMs / 1000).toFixed(3)}">\n${body}\n</testsuites>\n`;
}
