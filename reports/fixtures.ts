import type { Finding } from '../src/checks/finding.ts';
import { countFindings, defaultKeptPerKind } from '../src/checks/finding-log.ts';
import type { RuleOutcome, RunResult } from '../src/runner/run-result.ts';

/** Strings an endpoint could send back that must stay text in every report. */
export const hostile = {
  script: '<script>window.__pwned = true</script>',
  closeScript: '</script><img src=x onerror="window.__pwned=true">',
  xml: ']]><!-- & "quotes" \u0001 control 😀',
};

const smc = 'alibaba-smc/CreateReplicationJob@current';
const dcs = 'huawei-dcs/CreateMigrationTask';

/** A finding for report tests; fields overridable. */
export function sampleFinding(overrides: Partial<Finding> = {}): Finding {
  return {
    check: 'violation-rejected',
    code: 'accepted_invalid_request',
    severity: 'violation',
    api: smc,
    rule: 'SystemDiskSize.maximum',
    caseId: `${smc}#7`,
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

/** The first finding of `sampleResult()`: a violation shrunk to a smaller request, with its case. */
export function shrunkFinding(overrides: Partial<Finding> = {}): Finding {
  return sampleFinding({
    case: { kind: 'violation', label: 'SystemDiskSize.maximum: limit + 1', pointer: '/SystemDiskSize', expected: { status: '4xx' }, document: { SystemDiskSize: 2049, SourceId: 's-1' } },
    shrunk: {
      request: { method: 'POST', url: 'http://127.0.0.1:9101/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'SystemDiskSize=2049' },
      curl: "curl -sS -X POST 'http://127.0.0.1:9101/' --data-binary 'SystemDiskSize=2049'",
      requests: 6,
    },
    ...overrides,
  });
}

const none = { violation: 0, drift: 0, info: 0 } as const;

/** Rule outcomes per family, with counts a report can check against `coverage`. */
/** The info finding of a probe of `ImageName.requiredWhen.TargetType` that the endpoint answers with a refusal. */
function ambiguousRuleFinding(caseId: string, label: string): Finding {
  return sampleFinding({
    severity: 'info',
    check: 'ambiguous-rule',
    code: 'ambiguous_reading_rejects',
    message: 'ImageName.requiredWhen.TargetType: the endpoint rejects it.',
    rule: 'ImageName.requiredWhen.TargetType',
    caseId,
    case: { kind: 'probe', label, expected: { readings: ['required', 'optional'] }, document: { TargetType: 'Image' } },
  });
}

function family(api: string, rule: string, fields: Partial<RuleOutcome> & Pick<RuleOutcome, 'coverage'>): RuleOutcome {
  return { api, rule, kind: 'rule', cases: 0, conclusive: 0, inconclusive: {}, findings: none, checks: {}, ...fields };
}

/**
 * A failed run with one finding of each severity, hostile bytes included: the violation (shrunk) on a
 * covered rule, the drift on a rule whose answers were inconclusive (an undocumented code), the info on
 * an ambiguous rule with its readings.
 */
export function sampleResult(findings: readonly Finding[] = [
  shrunkFinding(),
  sampleFinding({ severity: 'drift', check: 'error-code-documented', code: 'undocumented_error_code', message: `Error code ${hostile.xml} is in no catalogue.`, rule: 'Frequency.maximum', caseId: 'x#2' }),
  ambiguousRuleFinding('x#3', 'ImageName.requiredWhen.TargetType: absent with TargetType=Image'),
]): RunResult {
  return {
    verdict: findings.some((f) => f.severity === 'violation') ? 'failed' : 'passed',
    reason: '1 finding of severity violation',
    seed: 42,
    strict: false,
    startedAt: '2026-11-22T10:00:00.000Z',
    durationMs: 1234,
    targets: [{ api: smc, endpoint: 'http://127.0.0.1:9101', edition: 'current' }],
    casesSent: 12,
    coverage: {
      percent: 75,
      minimum: 90,
      testable: 4,
      covered: 3,
      byApi: [{ api: smc, testable: 4, covered: 3, inconclusive: 1, notCovered: 0, notTestable: 0 }],
      uncovered: [{ api: smc, rule: 'Frequency.maximum', state: 'inconclusive', reason: `2 answers with an error code in no catalogue (${hostile.script})` }],
      notTested: [],
    },
    inconclusive: { 'undocumented-code': 2 },
    findings,
    findingCounts: countFindings(findings),
    keptPerKind: defaultKeptPerKind,
    rules: [
      family(smc, '(valid)', { kind: 'valid', coverage: 'covered', cases: 5, conclusive: 5, checks: { 'valid-accepted': 'passed' } }),
      family(smc, 'SystemDiskSize.maximum', { coverage: 'covered', cases: 3, conclusive: 3, findings: { violation: 1, drift: 0, info: 0 }, checks: { 'violation-rejected': 'failed', 'no-server-error': 'passed' } }),
      family(smc, 'ImageName.requiredWhen.TargetType', {
        coverage: 'covered',
        cases: 2,
        conclusive: 2,
        findings: { violation: 0, drift: 0, info: 1 },
        checks: { 'ambiguous-rule': 'info' },
        readings: [{ contradiction: 'ImageName.required', consistent: ['required'], probes: 2 }],
      }),
      family(smc, 'Frequency.maximum', {
        coverage: 'inconclusive',
        coverageReason: `2 answers with an error code in no catalogue (${hostile.script})`,
        cases: 2,
        inconclusive: { 'undocumented-code': 2 },
        findings: { violation: 0, drift: 1, info: 0 },
        checks: { 'error-code-documented': 'failed', 'violation-rejected': 'passed' },
      }),
    ],
    rerun: 'migration-conformance run --seed 42',
  };
}

/** The not-tested line of `inconclusiveResult()`. */
export const noCreateLine = 'valid acceptance: not tested (no-create mode; --allow-create to test it)';

const inconclusiveFindings: Finding[] = [ambiguousRuleFinding(`${smc}#3`, 'ImageName absent with TargetType=Image')];

/**
 * An inconclusive run against two APIs: no failing finding, some families inconclusive (authentication,
 * throttling), one not covered (no fixture for it), one not testable (no-create mode), 4 of 7 testable covered.
 */
export function inconclusiveResult(): RunResult {
  return {
    verdict: 'inconclusive',
    reason: 'no failing finding, but 3 of 7 testable rules got no conclusive answer',
    seed: 7,
    strict: false,
    startedAt: '2026-11-22T11:00:00.000Z',
    durationMs: 5400,
    targets: [
      { api: smc, endpoint: 'https://smc.aliyuncs.com', edition: 'current' },
      { api: dcs, endpoint: 'https://dcs.cn-north-4.myhuaweicloud.com' },
    ],
    casesSent: 14,
    coverage: {
      percent: 57.1,
      minimum: 90,
      testable: 7,
      covered: 4,
      byApi: [
        { api: smc, testable: 4, covered: 2, inconclusive: 1, notCovered: 1, notTestable: 1 },
        { api: dcs, testable: 3, covered: 2, inconclusive: 1, notCovered: 0, notTestable: 0 },
      ],
      uncovered: [
        { api: smc, rule: 'Frequency.maximum', state: 'inconclusive', reason: `4 answers refused authentication (${hostile.closeScript})` },
        { api: smc, rule: '(stateful) one incomplete job per source', state: 'not-covered', reason: 'every source server of the profile already has an incomplete job' },
        { api: dcs, rule: 'bandwidth.maximum', state: 'inconclusive', reason: '3 answers throttled (APIGW.0308)' },
      ],
      notTested: [noCreateLine],
    },
    inconclusive: { throttling: 3, authentication: 4, 'creating-not-allowed': 5 },
    findings: inconclusiveFindings,
    findingCounts: countFindings(inconclusiveFindings),
    keptPerKind: defaultKeptPerKind,
    rules: [
      family(smc, '(valid)', { kind: 'valid', coverage: 'not-testable', coverageReason: 'no-create mode: a valid request would create a job', inconclusive: { 'creating-not-allowed': 5 } }),
      family(smc, 'SystemDiskSize.maximum', { coverage: 'covered', cases: 3, conclusive: 3, checks: { 'violation-rejected': 'passed', 'no-server-error': 'passed' } }),
      family(smc, 'Frequency.maximum', {
        coverage: 'inconclusive',
        coverageReason: `4 answers refused authentication (${hostile.closeScript})`,
        cases: 4,
        inconclusive: { authentication: 4 },
        checks: { 'violation-rejected': 'passed', 'no-server-error': 'passed' },
      }),
      family(smc, 'ImageName.requiredWhen.TargetType', {
        coverage: 'covered',
        cases: 2,
        conclusive: 2,
        findings: { violation: 0, drift: 0, info: 1 },
        checks: { 'ambiguous-rule': 'info' },
        readings: [{ contradiction: 'ImageName.required', consistent: [], probes: 2 }],
      }),
      family(smc, '(stateful) one incomplete job per source', { kind: 'stateful', coverage: 'not-covered', coverageReason: 'every source server of the profile already has an incomplete job' }),
      family(dcs, 'source_instance.addrs.required', { coverage: 'covered', cases: 1, conclusive: 1, checks: { 'violation-rejected': 'passed' } }),
      family(dcs, 'bandwidth.maximum', { coverage: 'inconclusive', coverageReason: '3 answers throttled (APIGW.0308)', cases: 3, inconclusive: { throttling: 3 }, checks: { 'no-server-error': 'passed' } }),
      family(dcs, '(wire) content-type', { kind: 'wire', coverage: 'covered', cases: 1, conclusive: 1, checks: { 'content-type': 'passed' } }),
    ],
    rerun: 'migration-conformance run --profile real.json --seed 7',
  };
}
