import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateWorkflow } from '@action-validator/core';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { inconclusiveResult, sampleResult } from '../reports/fixtures.ts';
import { renderJson } from '../reports/index.ts';
import type { RunResult } from '../src/runner/run-result.ts';
import { commands } from '../src/cli/commands/index.ts';

// The CI recipes of examples/ are documentation that runs elsewhere: here they are checked as far as
// can be offline — the workflow against GitHub's schema, every command they name against the CLI, the
// gate script on shards of known verdicts.
const root = fileURLToPath(new URL('../', import.meta.url));
const github = readFileSync(path.join(root, 'examples/github-actions/conformance.yml'), 'utf8');
const gitlab = readFileSync(path.join(root, 'examples/gitlab-ci/conformance.gitlab-ci.yml'), 'utf8');
const gateScript = 'examples/ci/conformance-gate.sh';
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** What action-validator finds wrong in a workflow: one line per error, the nested ones of a `oneOf` included. */
function workflowErrors(source: string): string[] {
  type Reported = { code: string; path?: string; detail?: string; title: string; states?: { errors: Reported[] }[] };
  const flatten = (errors: readonly Reported[]): string[] =>
    errors.flatMap((e) => [`${e.code} ${e.path ?? ''}: ${e.detail ?? e.title}`, ...flatten((e.states ?? []).flatMap((s) => s.errors))]);
  return flatten(validateWorkflow(source).errors as Reported[]);
}

/**
 * The problems of the commands in shell text: an `npm run` script package.json lacks, an `npm run cli --`
 * command the CLI lacks or an option it does not take, a `bash` script that is not there.
 */
function commandProblems(shell: string): string[] {
  const problems: string[] = [];
  for (const line of shell.split('\n')) {
    for (const m of line.matchAll(/npm run (?:--silent )?([\w:-]+)(?: -- ([\w-]+)(.*))?/g)) {
      if (!(m[1]! in scripts)) problems.push(`no npm script ${m[1]}`);
      if (m[1] !== 'cli' || m[2] === undefined) continue;
      const command = commands.get(m[2]);
      if (!command) problems.push(`no CLI command ${m[2]}`);
      else for (const [, option] of m[3]!.matchAll(/[\s'"]--([a-z][\w-]*)/g)) if (!(option! in command.options)) problems.push(`${m[2]} has no option --${option}`);
    }
    for (const [, file] of line.matchAll(/\bbash ([\w./-]+\.sh)/g)) if (!existsSync(path.join(root, file!))) problems.push(`no script ${file}`);
  }
  return problems;
}

type Step = { run?: string; env?: Record<string, string>; uses?: string; with?: Record<string, string> };
type Job = { steps: Step[] };
const workflow = load(github) as { jobs: Record<string, Job> };

describe('examples/github-actions/conformance.yml', () => {
  it('is a valid workflow', () => {
    expect(workflowErrors(github)).toEqual([]);
  });

  it.each([
    ['an unknown job key', github.replace('    timeout-minutes: 15\n', '    timeout-minutes: 15\n    colour: blue\n'), /Additional property 'colour' is not allowed/],
    ['an unknown step key', github.replace('      - run: npm ci\n', '      - run: npm ci\n        continue-on-eror: true\n'), /Additional property 'continue-on-eror' is not allowed/],
    ['a need of no job', github.replace('    needs: shard\n', '    needs: shards\n'), /unresolved job shards/],
    ['an unknown trigger', github.replace('  pull_request:\n', '  pull_requests:\n'), /pull_requests/],
  ])('is refused with %s', (_, broken, error) => {
    expect(broken).not.toBe(github);
    expect(workflowErrors(broken).join('\n')).toMatch(error);
  });

  it('names only npm scripts, CLI commands and options, and scripts that exist', () => {
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    // Options passed through the environment (`OPTIONS`) count as options of the command the step runs.
    const withEnv = (s: Step) => (s.run ?? '').split('\n').map((line) => (line.includes('npm run cli -- ') ? `${line} ${Object.values(s.env ?? {}).join(' ')}` : line));
    const shell = steps.flatMap(withEnv).join('\n');
    expect(shell).toMatch(/npm run cli -- run .*--shard \$\{\{ matrix\.shard \}\}\/\$\{\{ strategy\.job-total \}\}/);
    expect(shell).toContain('--allow-create');
    expect(commandProblems(shell)).toEqual([]);
    expect(commandProblems(readFileSync(path.join(root, gateScript), 'utf8'))).toEqual([]);
    expect(commandProblems('npm run nope\nnpm run cli -- nope\nnpm run cli -- run --nope\nbash examples/nope.sh')).toEqual(['no npm script nope', 'no CLI command nope', 'run has no option --nope', 'no script examples/nope.sh']);
  });

  it('gives the gate what the shards upload: their folders, where the gate script reads them', () => {
    const uploads = workflow.jobs['shard']!.steps.filter((s) => s.uses?.startsWith('actions/upload-artifact')).map((s) => s.with?.['path'] ?? '');
    expect(uploads.join('\n')).toMatch(/out\/shards\/\$\{\{ matrix\.shard \}\}\/report\.json/);
    const gate = workflow.jobs['gate']!.steps;
    const downloaded = gate.find((s) => s.uses?.startsWith('actions/download-artifact'))?.with?.['path'];
    expect(gate.some((s) => s.run === `bash ${gateScript} ${downloaded} out/reports`)).toBe(true);
    expect(gate.some((s) => s.run?.includes('out/reports/summary.md >> "$GITHUB_STEP_SUMMARY"'))).toBe(true);
  });
});

describe('examples/gitlab-ci/conformance.gitlab-ci.yml', () => {
  type GitlabJob = { extends?: string; stage?: string; parallel?: number; script?: string[]; before_script?: string[]; after_script?: string[]; needs?: { job: string }[]; artifacts?: { paths?: string[] } };
  const pipeline = load(gitlab) as Record<string, GitlabJob> & { stages: string[] };
  const jobs = Object.entries(pipeline).filter(([name]) => !['stages', 'variables'].includes(name)) as [string, GitlabJob][];

  it('has its jobs in declared stages, extending and needing jobs that exist', () => {
    for (const [name, job] of jobs.filter(([n]) => !n.startsWith('.'))) {
      expect(pipeline.stages, name).toContain(job.stage);
      if (job.extends) expect(Object.keys(pipeline), name).toContain(job.extends);
      for (const need of job.needs ?? []) expect(Object.keys(pipeline), name).toContain(need.job);
    }
    expect(pipeline['conformance-shard']?.parallel).toBeGreaterThan(1);
  });

  it('names only npm scripts, CLI commands and options, and scripts that exist', () => {
    const shell = jobs.flatMap(([, job]) => [...(job.before_script ?? []), ...(job.script ?? []), ...(job.after_script ?? [])]).join('\n');
    expect(shell).toContain('--shard "$CI_NODE_INDEX/$CI_NODE_TOTAL"');
    expect(shell).toContain(`bash ${gateScript} out/shards out/reports`);
    expect(commandProblems(shell)).toEqual([]);
    expect(pipeline['conformance-shard']?.artifacts?.paths).toContain('out/shards/$CI_NODE_INDEX/report.json');
  });
});

// Each gate runs merge-reports through npm: seconds apiece on a busy machine.
describe(gateScript, { timeout: 60_000 }, () => {
  /** A passed run: the fixture's covered families only, no findings. */
  const passed = (): RunResult => {
    const result = sampleResult([]);
    return { ...result, rules: result.rules.filter((r) => r.coverage === 'covered') };
  };

  /** Runs the gate on shards given as [i/n, exit code, result or none]; its exit code, output and the merged summary. */
  async function gate(shards: readonly (readonly [string, number, RunResult | undefined])[], env: Record<string, string> = {}) {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-gate-'));
    for (const [shard, code, result] of shards) {
      const folder = path.join(dir, 'shards', shard.replace('/', '-of-'));
      await mkdir(folder, { recursive: true });
      await writeFile(path.join(folder, 'shard'), `${shard}\n`);
      await writeFile(path.join(folder, 'exit-code'), `${code}\n`);
      if (result) await writeFile(path.join(folder, 'report.json'), renderJson(result));
    }
    const out = path.join(dir, 'reports');
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile('bash', [gateScript, path.join(dir, 'shards'), out], { cwd: root, env: { ...process.env, ...env } }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr }),
      );
    });
    const summary = existsSync(path.join(out, 'summary.md')) ? await readFile(path.join(out, 'summary.md'), 'utf8') : undefined;
    return { code, output, summary };
  }

  it('passes a passed run and writes the merged reports', async () => {
    const { code, output, summary } = await gate([['1/2', 0, passed()], ['2/2', 0, passed()]]);
    expect(code, output).toBe(0);
    expect(summary?.split('\n')[0]).toBe('# ✅ Conformance: passed');
  });

  it('fails a failed run', async () => {
    const { code, output, summary } = await gate([['1/2', 0, passed()], ['2/2', 1, sampleResult()]]);
    expect(code, output).toBe(1);
    expect(output).toContain('::error::Conformance failed');
    expect(summary?.split('\n')[0]).toBe('# ❌ Conformance: failed');
  });

  it('fails an inconclusive run unless INCONCLUSIVE=warn', async () => {
    const shards = [['1/1', 4, inconclusiveResult()]] as const;
    const [failing, warning] = await Promise.all([gate(shards), gate(shards, { INCONCLUSIVE: 'warn' })]);
    expect(failing.code, failing.output).toBe(1);
    expect(failing.output).toContain('::error::Conformance inconclusive');
    expect(warning.code, warning.output).toBe(0);
    expect(warning.output).toContain('::warning::Conformance inconclusive');
  });

  it('fails when a shard could not run or left nothing, and still merges the others', async () => {
    const [unreachable, none] = await Promise.all([gate([['1/3', 0, passed()], ['2/3', 3, undefined]]), gate([])]);
    expect(unreachable.code, unreachable.output).toBe(1);
    expect(unreachable.output).toContain('::error::shard 2/3 did not run (exit 3');
    expect(unreachable.output).toContain('::error::shard 3/3 left nothing');
    expect(unreachable.summary?.split('\n')[0]).toBe('# ✅ Conformance: passed');
    expect(none.code, none.output).toBe(1);
    expect(none.output).toContain('::error::no shard left its i/n');
  });
});
