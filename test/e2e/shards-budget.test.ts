import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/runner/run-result.ts';
import { cli } from '../helpers/cli.ts';

// Shards by case: any number of shards send, between them, exactly the cases of the one-shard run, and
// their merged report says what it says. A budget sets how many cases a run plans.

const small = ['--api', 'alibaba-smc/CreateReplicationJob@current', '--api', 'huawei-dcs/CreateOnlineMigrationTask', '--seed', '17', '--valid', '6', '--per-rule', '1'];

async function runTo(dir: string, args: readonly string[]): Promise<{ code: number; result: RunResult; err: string }> {
  const { code, err } = await cli(['run', ...args, '--report-dir', dir]);
  return { code, err, result: JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as RunResult };
}

/** Findings as the comparison counts them: every one (kept whole or only counted), by API, rule, check, code and severity. */
function findingCounts(result: RunResult): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const f of result.findingCounts) {
    const key = [f.api, f.rule ?? '', f.check, f.code, f.severity].join(' | ');
    counts[key] = (counts[key] ?? 0) + f.count;
  }
  return counts;
}

/** Cases per family, the way the merged report must count them too. */
function casesByFamily(result: RunResult): Record<string, number> {
  return Object.fromEntries(result.rules.map((r) => [`${r.api} ${r.rule}`, r.cases]));
}

describe('run --shard i/n', () => {
  it.each([3, 5])('%i shards each pass, hold a balanced share, and merge into the one-shard run', { timeout: 300_000 }, async (count) => {
    const root = await mkdtemp(path.join(tmpdir(), 'mc-shards-'));
    const whole = await runTo(path.join(root, 'whole'), small);
    expect(whole.code, whole.err).toBe(0);
    const shards: RunResult[] = [];
    for (let index = 1; index <= count; index += 1) {
      const shard = await runTo(path.join(root, `shard-${index}`), [...small, '--shard', `${index}/${count}`]);
      expect(shard.code, `shard ${index}/${count}: ${shard.err}`).toBe(0);
      shards.push(shard.result);
    }
    const sizes = shards.map((s) => s.casesSent);
    const mean = sizes.reduce((a, b) => a + b, 0) / count;
    expect(Math.max(...sizes), `shard sizes ${sizes.join(', ')}`).toBeLessThanOrEqual(1.5 * mean);

    const mergedDir = path.join(root, 'merged');
    const merge = await cli(['merge-reports', ...shards.map((_, i) => path.join(root, `shard-${i + 1}`, 'report.json')), '--report-dir', mergedDir]);
    expect(merge.code, merge.err).toBe(0);
    const merged = JSON.parse(await readFile(path.join(mergedDir, 'report.json'), 'utf8')) as RunResult;
    expect(merged.verdict).toBe(whole.result.verdict);
    expect(merged.casesSent).toBe(whole.result.casesSent);
    expect(casesByFamily(merged)).toEqual(casesByFamily(whole.result));
    expect(findingCounts(merged)).toEqual(findingCounts(whole.result));
    expect(merged.coverage.percent).toBe(whole.result.coverage.percent);
  });

  it('a shard that holds nothing passes with an empty report that merges', { timeout: 120_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mc-shards-'));
    // Eight shards for two random valid requests: most shards hold nothing.
    const args = ['--api', 'huawei-dcs/CreateOnlineMigrationTask', '--seed', '3', '-t', '\\(valid\\)', '--valid', '2', '--shard'];
    const results = [];
    for (const index of [1, 2, 3, 4, 5, 6, 7, 8]) results.push(await runTo(path.join(root, String(index)), [...args, `${index}/8`]));
    for (const { code, err } of results) expect(code, err).toBe(0);
    expect(results.filter((r) => r.result.casesSent === 0).length).toBeGreaterThan(0);
  });
});

describe('run --budget N', () => {
  it('grows the plan to the budget: a deep run sends at least 95% of it and passes', { timeout: 300_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mc-budget-'));
    const { code, result, err } = await runTo(root, ['--api', 'huawei-dcs/CreateOnlineMigrationTask', '--seed', '2', '--budget', '600']);
    expect(code, err).toBe(0);
    const single = result.rules.filter((r) => r.kind !== 'stateful').reduce((n, r) => n + r.cases, 0);
    expect(single).toBeGreaterThanOrEqual(570);
    expect(single).toBeLessThanOrEqual(600);
  });

  it('trims below the default plan, keeping every rule tested', { timeout: 300_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'mc-budget-'));
    const quick = await runTo(path.join(root, 'quick'), ['--api', 'alibaba-smc/CreateReplicationJob@2019', '--seed', '4']);
    const trimmed = await runTo(path.join(root, 'trimmed'), ['--api', 'alibaba-smc/CreateReplicationJob@2019', '--seed', '4', '--budget', '150']);
    expect(trimmed.code, trimmed.err).toBe(0);
    const single = (r: RunResult) => r.rules.filter((x) => x.kind !== 'stateful').reduce((n, x) => n + x.cases, 0);
    expect(single(trimmed.result)).toBeLessThan(single(quick.result));
    expect(trimmed.result.coverage.percent).toBe(100);
  });
});
