import { afterAll, describe, expect, it } from 'vitest';
import { faults } from '../../emulator/faults.ts';
import type { ApiId } from '../../src/contract/apis.ts';
import { assembleResult } from '../../src/runner/assemble-result.ts';
import { startEmbeddedTargets, type EmbeddedTargets } from '../../src/cli/embedded-targets.ts';
import { runApi } from '../../src/runner/run-api.ts';

// Each single-request fault of the emulator, the API and rule whose cases reveal it, the check that must name it.
const table: readonly { fault: string; api: ApiId; family: string; check: string; strict?: boolean }[] = [
  { fault: 'range-off-by-one', api: 'alibaba-smc/CreateReplicationJob@current', family: 'SystemDiskSize.maximum', check: 'violation-rejected' },
  { fault: 'conditional-unenforced', api: 'alibaba-smc/CreateReplicationJob@current', family: 'VSwitchId.requiredWhen.NetMode', check: 'violation-rejected' },
  { fault: 'validation-500', api: 'alibaba-smc/CreateReplicationJob@2019', family: 'SystemDiskSize.minimum', check: 'no-server-error' },
  { fault: 'missing-request-id', api: 'alibaba-smc/CreateReplicationJob@current', family: '(valid)', check: 'request-id' },
  { fault: 'error-without-code', api: 'alibaba-smc/CreateReplicationJob@current', family: 'Frequency.maximum', check: 'error-envelope' },
  { fault: 'text-content-type', api: 'alibaba-smc/CreateReplicationJob@current', family: '(valid)', check: 'content-type', strict: true },
  { fault: 'idempotency-ignored', api: 'alibaba-smc/CreateReplicationJob@current', family: '(valid)', check: 'idempotency' },
  { fault: 'dcs-long-error-code', api: 'huawei-dcs/CreateMigrationTask', family: 'task_name.required', check: 'error-envelope' },
  { fault: 'dcs-status-outside-enum', api: 'huawei-dcs/CreateMigrationTask', family: '(valid)', check: 'response-schema' },
  { fault: 'dcs-target-id-optional', api: 'huawei-dcs/CreateMigrationTask', family: 'target_instance.id.required', check: 'violation-rejected' },
  { fault: 'status-404-for-validation', api: 'alibaba-smc/CreateReplicationJob@current', family: 'DataDisk.Size.maximum', check: 'status-documented' },
  { fault: 'tag-prefix-accepted', api: 'alibaba-smc/CreateReplicationJob@current', family: 'Tag.Key.forbiddenPrefixes', check: 'violation-rejected' },
  { fault: 'past-schedule-accepted', api: 'alibaba-smc/CreateReplicationJob@2019', family: 'ScheduledStartTime.timeWindow.after', check: 'violation-rejected' },
  { fault: 'enum-unenforced', api: 'alibaba-smc/CreateReplicationJob@current', family: 'NetMode.enum', check: 'violation-rejected' },
  { fault: 'name-length-unenforced', api: 'alibaba-smc/CreateReplicationJob@2019', family: 'Name.maxLength', check: 'violation-rejected' },
  { fault: 'error-body-not-json', api: 'huawei-dcs/CreateOnlineMigrationTask', family: 'vpc_id.required', check: 'error-envelope' },
  { fault: 'undocumented-code', api: 'alibaba-smc/CreateReplicationJob@current', family: 'Frequency.minimum', check: 'error-code-documented', strict: true },
  { fault: 'dcs-online-missing-id', api: 'huawei-dcs/CreateOnlineMigrationTask', family: '(valid)', check: 'response-schema' },
  { fault: 'rejects-twenty-tags', api: 'alibaba-smc/CreateReplicationJob@current', family: 'Tag.maxItems', check: 'valid-accepted' },
  { fault: 'malformed-json-500', api: 'huawei-dcs/CreateMigrationTask', family: '(wire) malformed-json', check: 'no-server-error' },
];

const started: EmbeddedTargets[] = [];
afterAll(async () => Promise.all(started.map((s) => s.close())));

describe('the run against faulty emulators', () => {
  it('covers at least 15 distinct faults, each one known to the emulator', () => {
    expect(new Set(table.map((row) => row.fault)).size).toBeGreaterThanOrEqual(15);
    for (const row of table) expect(faults.map((f) => f.name)).toContain(row.fault);
  });

  it.each(table)('$fault: fails the run and names $check on $family', async ({ fault, api, family, check, strict = false }) => {
    const embedded = await startEmbeddedTargets(undefined, { faults: [fault] });
    started.push(embedded);
    const output = await runApi({ api, target: embedded.targets[api]!, seed: 11, rules: new Set([family]), plan: { valid: 12, perRule: 3 }, shrink: { cases: 0, requests: 0 } });
    const result = assembleResult([{ api, findings: output.findings, findingCounts: output.findingCounts, outcomes: output.outcomes }], { seed: 11, strict, startedAt: new Date(), targets: [], rerun: '' });
    expect(result.verdict).toBe('failed');
    const named = result.findings.filter((f) => f.check === check && (f.rule ?? '(valid)') === family && f.severity !== 'info');
    expect(named.length, JSON.stringify(result.findings.map((f) => [f.check, f.code, f.rule]).slice(0, 10))).toBeGreaterThan(0);
  });

  it('passes the same rules on the emulator without faults', async () => {
    const embedded = await startEmbeddedTargets();
    started.push(embedded);
    for (const api of new Set(table.map((row) => row.api))) {
      const families = new Set(table.filter((row) => row.api === api).map((row) => row.family));
      const output = await runApi({ api, target: embedded.targets[api]!, seed: 11, rules: families, plan: { valid: 12, perRule: 3 } });
      expect(output.findings.filter((f) => f.severity !== 'info').map((f) => `${f.check} ${f.rule} ${f.message}`)).toEqual([]);
    }
  });
});
