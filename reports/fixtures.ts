import type { Finding } from '../src/checks/finding.ts';
import type { RunResult } from '../src/runner/run-result.ts';

/** Strings an endpoint could send back that must stay text in every report. */
export const hostile = {
  script: '<script>window.__pwned = true</script>',
  closeScript: '</script><img src=x onerror="window.__pwned=true">',
  xml: ']]><!-- & "quotes" \u0001 control 😀',
};

/** A finding for report tests; fields overridable. */
export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'violation-rejected',
    code: 'accepted_invalid_request',
    severity: 'violation',
    api: 'alibaba-smc/CreateReplicationJob@current',
    rule: 'SystemDiskSize.maximum',
    caseId: 'alibaba-smc/CreateReplicationJob@current#7',
    message: 'A request that breaks SystemDiskSize.maximum (limit + 1) was answered 200 instead of a 4xx.',
    documented: { status: '4xx' },
    received: { status: 200 },
    request: { method: 'POST', url: 'http://127.0.0.1:9101/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'Action=CreateReplicationJob&SystemDiskSize=2049' },
    response: { status: 200, headers: { 'content-type': 'application/json' }, body: `{"JobId":"j-1","note":${JSON.stringify(hostile.script + hostile.closeScript)}}`, durationMs: 3 },
    curl: "curl -sS -X POST 'http://127.0.0.1:9101/' --data-binary 'Action=CreateReplicationJob&SystemDiskSize=2049'",
    seed: 42,
    ...overrides,
  };
}

/** A failed run with one finding of each severity, hostile bytes included. */
export function sampleResult(findings: readonly Finding[] = [
  sampleFinding(),
  sampleFinding({ severity: 'drift', check: 'error-code-documented', code: 'undocumented_error_code', message: `Error code ${hostile.xml} is in no catalogue.`, rule: 'Frequency.maximum', caseId: 'x#2' }),
  sampleFinding({ severity: 'info', check: 'ambiguous-rule', code: 'ambiguous_reading_rejects', message: 'ImageName.requiredWhen.TargetType: the endpoint rejects it.', rule: 'ImageName.requiredWhen.TargetType', caseId: 'x#3' }),
]): RunResult {
  return {
    verdict: findings.some((f) => f.severity === 'violation') ? 'failed' : 'passed',
    reason: '1 finding of severity violation',
    seed: 42,
    strict: false,
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 1234,
    targets: [{ api: 'alibaba-smc/CreateReplicationJob@current', endpoint: 'http://127.0.0.1:9101', edition: 'current' }],
    casesSent: 10,
    findings,
    rules: [
      { api: 'alibaba-smc/CreateReplicationJob@current', rule: '(valid)', cases: 5, findings: { violation: 0, drift: 0, info: 0 }, checks: { 'valid-accepted': 'passed' } },
      { api: 'alibaba-smc/CreateReplicationJob@current', rule: 'SystemDiskSize.maximum', cases: 3, findings: { violation: 1, drift: 0, info: 0 }, checks: { 'violation-rejected': 'failed', 'no-server-error': 'passed' } },
      { api: 'alibaba-smc/CreateReplicationJob@current', rule: 'ImageName.requiredWhen.TargetType', cases: 2, findings: { violation: 0, drift: 0, info: 1 }, checks: { 'ambiguous-rule': 'info' }, reading: 'rejects' },
    ],
    rerun: 'migration-conformance run --seed 42',
  };
}
