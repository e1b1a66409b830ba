import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inconclusiveReasons } from '../../src/checks/outcome.ts';
import { schemasDir } from '../../src/contract/load.ts';
import type { SchemaNode } from '../../src/contract/schema-node.ts';
import { compileSchema } from '../../src/contract/validator.ts';
import type { BoundResult, LimitBound, ProbeResult, TriedValue, ValueSetBound } from '../../src/probe/probe-result.ts';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { cli } from '../../test/helpers/cli.ts';
import { startEmulator } from '../../test/helpers/start-emulator.ts';
import { hostile } from '../fixtures.ts';
import { isLimit } from './bound-words.ts';
import { sampleExchange, sampleProbe } from './fixtures.ts';
import { markdownLimit, renderDriftHtml, renderDriftJson, renderDriftMarkdown, writeDriftReports } from './index.ts';

const schema = JSON.parse(readFileSync(path.join(schemasDir, 'drift.schema.json'), 'utf8')) as SchemaNode & { $defs: { inconclusiveCounts: { properties: object } } };
const validate = compileSchema(schema);

const current = 'alibaba-smc/CreateReplicationJob@current';

type BoundChange = (bound: BoundResult) => BoundResult;

/** The sample probe with some bounds changed, by rule. */
function withBounds(changes: Readonly<Record<string, BoundChange>>): ProbeResult {
  const probe = sampleProbe();
  expect(probe.bounds.map((b) => b.rule)).toEqual(expect.arrayContaining(Object.keys(changes)));
  return sampleProbe(probe.bounds.map((b) => changes[b.rule]?.(b) ?? b));
}

/** A bound whose last accepted request carries `value` in a parameter, `times` times over. */
const hugeLastAccepted =
  (value: string, times: number): BoundChange =>
  (b) => {
    const { request, curl } = sampleExchange(0, 200, { Description: value.repeat(times) });
    return { ...b, lastAccepted: { ...b.lastAccepted!, request, curl } };
  };

const isValueSet = (b: BoundResult): b is ValueSetBound => !isLimit(b);

/** A change to one kind of rule (the sample's rules are known by name, and so their kinds). */
const onlyIf =
  <B extends BoundResult>(is: (b: BoundResult) => b is B, change: (b: B) => B): BoundChange =>
  (b) => {
    if (!is(b)) throw new Error(`${b.rule} is not the kind of rule this change is for`);
    return change(b);
  };

/** A value set with the value labelled `label` changed. */
const withValue = (label: string, change: (v: TriedValue) => TriedValue) => (b: ValueSetBound) => {
  expect(b.values.map((v) => v.label)).toContain(label);
  return { ...b, values: b.values.map((v) => (v.label === label ? change(v) : v)) };
};

const rules = ['SourceId.required', 'Name.firstCharacter', 'TargetType.enum', 'SystemDiskSize.minimum', 'SystemDiskSize.maximum', 'DataDisk.Index.maximum', 'DataDisk.Size.maximum', 'Tag.maxItems', 'Tag.Key.forbiddenPrefixes'];

describe('renderDriftJson', () => {
  it('writes what schemas/drift.schema.json describes', () => {
    const report: unknown = JSON.parse(renderDriftJson(sampleProbe()));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
  });

  it('writes the whole probe result, pretty-printed', () => {
    const json = renderDriftJson(sampleProbe());
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(sampleProbe())));
    expect(json).toMatch(/^\{\n {2}"api": "alibaba-smc\/CreateReplicationJob@current",\n/);
  });

  it('the schema refuses what drift.json cannot hold', () => {
    const report = JSON.parse(renderDriftJson(sampleProbe())) as Record<string, unknown> & { bounds: Record<string, unknown>[] };
    const byRule = (rule: string) => report.bounds.find((b) => b['rule'] === rule)!;
    const limit = byRule('SystemDiskSize.maximum');
    const values = byRule('TargetType.enum');
    const firstValue = (values['values'] as object[])[0];
    const withBound = (bound: object) => ({ ...report, bounds: [bound] });
    // Each broken report differs from one that validates by the one change named.
    for (const bound of [limit, values]) expect(validate(withBound(bound)), JSON.stringify(validate.errors)).toBe(true);
    const broken: [string, unknown][] = [
      ['no bounds', { ...report, bounds: undefined }],
      ['an unknown field', { ...report, verdict: 'drift' }],
      ['an unknown bound verdict', withBound({ ...limit, verdict: 'maybe' })],
      ['an unknown search end', withBound({ ...limit, end: 'gave-up' })],
      ['an unknown step answer', withBound({ ...limit, steps: [{ size: 1, answer: 'ok' }] })],
      ['an exchange without its curl', withBound({ ...limit, lastAccepted: { ...(limit['lastAccepted'] as object), curl: undefined } })],
      ['an edition bound that is text', withBound({ ...limit, editions: { a: '500' } })],
      ['an unknown inconclusive reason', withBound({ ...limit, inconclusive: { teapot: 1 } })],
      ['a between with a third end', withBound({ ...limit, between: { accepted: 1, maybe: 2 } })],
      ['a limit bound without its agreement', withBound({ ...limit, agreement: undefined })],
      ['a limit bound with a value set field', withBound({ ...limit, followed: [] })],
      ['a limit bound with outcome lists', withBound({ ...limit, documented: values['documented'] })],
      ['a limit exchange with a value instead of a size', withBound({ ...limit, lastAccepted: { ...(limit['lastAccepted'] as object), size: undefined, value: 'present' } })],
      ['a value set with a numeric observed', withBound({ ...values, observed: 7 })],
      ['a value set with a search field', withBound({ ...values, steps: [] })],
      ['a value set of a limit kind', withBound({ ...values, kind: 'range' })],
      ['a value set without its followed readings', withBound({ ...values, followed: undefined })],
      ['a value set without its values', withBound({ ...values, values: undefined })],
      ['outcomes with an unknown list', withBound({ ...values, observed: { ...(values['observed'] as object), maybe: [] } })],
      ['an unknown expectation', withBound({ ...values, values: [{ ...firstValue, expected: { a: 'maybe' } }] })],
      ['an unknown value answer', withBound({ ...values, values: [{ ...firstValue, answer: 'ok' }] })],
      ['an agreement that is text', withBound({ ...values, agreement: { a: 'yes' } })],
      ['a value exchange with a size instead of a value', withBound({ ...values, firstRejected: { ...(values['firstRejected'] as object), value: undefined, size: 3 } })],
    ];
    for (const [what, value] of broken) expect(validate(JSON.parse(JSON.stringify(value))), what).toBe(false);
  });

  it('the schema knows every inconclusive reason a bound can count', () => {
    expect(Object.keys(schema.$defs.inconclusiveCounts.properties).sort()).toEqual([...inconclusiveReasons, 'unbuildable'].sort());
  });
});

describe('drift.json of a real probe', () => {
  it('validates against the schema: a bound and value sets, matching and drifted', { timeout: 30_000 }, async () => {
    // An emulator with a raised system disk limit that lets tag keys starting with `aliyun` through.
    const server = await startEmulator({ apis: [current], faults: ['tag-prefix-accepted'], drift: new Map([['SystemDiskSize.maximum', 2049]]) });
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-drift-probe-'));
    const profile = path.join(dir, 'profile.json');
    await writeFile(profile, JSON.stringify({ targets: { 'alibaba-smc': { ...loadProfile().targets['alibaba-smc'], endpoint: server.url } } }));
    const rules = ['SourceId.required', 'SystemDiskSize.maximum', 'Tag.Key.forbiddenPrefixes'];
    const { code, err } = await cli(['probe', '--api', current, '--profile', profile, '--seed', '3', '--report-dir', dir, ...rules.flatMap((rule) => ['--rule', rule])]);
    expect(code, err).toBe(0);
    const written: unknown = JSON.parse(await readFile(path.join(dir, 'drift.json'), 'utf8'));
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    expect((written as ProbeResult).bounds.map((b) => [b.rule, b.kind, b.verdict])).toEqual([
      ['SourceId.required', 'required', 'matches'],
      ['SystemDiskSize.maximum', 'range', 'drift'],
      ['Tag.Key.forbiddenPrefixes', 'forbiddenPrefix', 'drift'],
    ]);
  });
});

describe('renderDriftMarkdown', () => {
  it('titles the API, target and closest edition, and has one row per rule', () => {
    const md = renderDriftMarkdown(sampleProbe());
    expect(md.split('\n')[0]).toBe(
      '# ⚠️ Rules of `alibaba-smc/CreateReplicationJob@current` at `http://127.0.0.1:9101`: drift, closest edition: alibaba-smc/CreateReplicationJob@current',
    );
    const table = md.split('\n').filter((line) => line.startsWith('| `'));
    expect(table).toEqual([
      '| `SourceId.required` | accepts 1, refuses 1 | accepts 1, refuses 1, following the documents as written | ✅ matches | 2 |',
      '| `Name.firstCharacter` | accepts 2, refuses 2, 1 by reading | accepts 2, refuses 2, 1 inconclusive, following the documents as written | ❔ inconclusive | 7 |',
      '| `TargetType.enum` | accepts 3, refuses 1, 3 by reading (`@2019`: accepts 1, refuses 4, 2 by reading) | accepts 3, refuses 4, following target-type-case=exact | ✅ matches | 7 |',
      '| `SystemDiskSize.minimum` | 20 | 20 | ✅ matches | 2 |',
      '| `SystemDiskSize.maximum` | 2048 (`@2019`: 500) | 6144 | ⚠️ drift | 26 |',
      '| `DataDisk.Index.maximum` | 16 | ≥ 16 (inconclusive) | ❔ inconclusive | 4 |',
      '| `DataDisk.Size.maximum` | 32768 | ≥ 65536 (unbounded) | ⚠️ drift | 17 |',
      '| `Tag.maxItems` | 20 (`@2019`: none) | 20 | ✅ matches | 2 |',
      '| `Tag.Key.forbiddenPrefixes` | accepts 4, refuses 4 (`@2019`: accepts 8, refuses 0) | accepts 5, refuses 3 | ⚠️ drift | 8 |',
      '| `alibaba-smc/CreateReplicationJob@2019` | 4 | 5 |',
      '| `alibaba-smc/CreateReplicationJob@current` (closest) | 6 | 3 |',
    ]);
    expect(md).toContain('9 rules: 4 matches, 3 drift, 2 inconclusive · 75 requests, 34 cleanup calls · seed 42');
    expect(md).toContain('| edition | rules it predicts | rules it does not |');
    expect(md).toContain('- `SystemDiskSize.maximum`: `j-bp1e7xd4n9x0q2a3c5f1`, DeleteReplicationJob answered 500 InternalError twice');
  });

  it('gives each drifted or inconclusive rule its why and the curl of its last accepted and first rejected requests', () => {
    const md = renderDriftMarkdown(sampleProbe());
    expect(md).toContain('\n## Drifted and inconclusive rules\n');
    const sections = md.split('\n### ').slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual([
      '❔ Name.firstCharacter: inconclusive',
      '⚠️ SystemDiskSize.maximum: drift',
      '❔ DataDisk.Index.maximum: inconclusive',
      '⚠️ DataDisk.Size.maximum: drift',
      '⚠️ Tag.Key.forbiddenPrefixes: drift',
    ]);
    const [nameFirst, systemDisk, dataDiskIndex, , tagKey] = sections;
    expect(systemDisk).toContain('accepts up to 6144 and refuses 6145; the documents say 2048.');
    expect(systemDisk).toContain(`Last accepted: 6144 → 200\n\n\`\`\`\n${sampleExchange(6144, 200, { SystemDiskSize: '6144' }).curl}\n\`\`\``);
    expect(systemDisk).toContain(`First rejected: 6145 → 400 InvalidParameter\n\n\`\`\`\n${sampleExchange(6145, 400, { SystemDiskSize: '6145' }, 'InvalidParameter').curl}\n\`\`\``);
    expect(dataDiskIndex).toContain('Answers that said nothing about the rule: state 3.');
    expect(dataDiskIndex).not.toContain('First rejected');
    expect(nameFirst).toContain('Answers that said nothing about the rule: other-parameter 3.');
    expect(tagKey).toContain('accepts starts with "aliyun": no reading of the documents does.');
    expect(tagKey).toContain(`Last accepted: starts with "aliyun" → 200\n\n\`\`\`\n${sampleExchange('starts with "aliyun"', 200, { 'Tag.1.Key': 'aliyun-env', 'Tag.1.Value': 'prod' }).curl}\n\`\`\``);
    expect(md).not.toContain('Cut to');
  });

  it("tabulates a value set's values: what the probed edition expects, the other editions where they differ, the answer", () => {
    const [nameFirst, tagKey] = renderDriftMarkdown(sampleProbe())
      .split('\n### ')
      .filter((s) => s.includes('Name.firstCharacter:') || s.includes('Tag.Key.forbiddenPrefixes:'));
    expect(tagKey?.split('\n').filter((line) => line.startsWith('|'))).toEqual([
      '| value | `@current` expects | `@2019` where it differs | answer |',
      '|---|---|---|---|',
      '| starts with "aliyu" | accept |  | accepted |',
      '| starts with "http" | accept |  | accepted |',
      '| starts with "https" | accept |  | accepted |',
      '| starts with "acs" | accept |  | accepted |',
      '| starts with "acs:" | refuse | accept | refused |',
      '| starts with "http://" | refuse | accept | refused |',
      '| starts with "aliyun" | refuse | accept | accepted ⚠️ |',
      '| starts with "https://" | refuse | accept | refused |',
    ]);
    // No edition differs from the probed one: no column for the others.
    expect(nameFirst).toContain('| value | `@current` expects | answer |\n|---|---|---|\n| starts with "a" | accept | accepted |');
    expect(nameFirst).toContain('| starts with "中" | either | inconclusive |');
  });

  it('names the readings of the documents a value set follows', () => {
    const md = renderDriftMarkdown(
      withBounds({
        'TargetType.enum': onlyIf(isValueSet, (b) => ({
          ...withValue('unlisted value "unknown"', (v) => ({ ...v, answer: 'inconclusive' }))(b),
          verdict: 'inconclusive',
          why: '1 of 7 values got no answer about the rule',
        })),
      }),
    );
    const section = md.split('\n### ').find((s) => s.startsWith('❔ TargetType.enum: inconclusive'));
    expect(section).toContain('1 of 7 values got no answer about the rule.\n\nAnswers follow target-type-case=exact.\n\n| value | `@current` expects | `@2019` where it differs | answer |');
    expect(section).toContain('| listed value "Image" | accept | either | accepted |');
    expect(section).toContain('| listed value in another case "image" | either | accept | refused |');
    expect(section).toContain('| unlisted value "unknown" | refuse |  | inconclusive |');
    // Where no reading predicts every answer, no such line.
    expect(md.split('\n### ').find((s) => s.includes('Tag.Key.forbiddenPrefixes:'))).not.toContain('Answers follow');
  });

  it("keeps a value's label as text in its cell", () => {
    const label = 'refused character "<b>|</b>"';
    const md = renderDriftMarkdown(withBounds({ 'Tag.Key.forbiddenPrefixes': onlyIf(isValueSet, withValue('starts with "aliyun"', (v) => ({ ...v, label }))) }));
    expect(md).toContain('| refused character "&lt;b&gt;\\|&lt;/b&gt;" | refuse | accept | accepted ⚠️ |');
    expect(md).not.toContain('<b>');
  });

  it('names the readings and every other edition that state another bound', () => {
    const md = renderDriftMarkdown(
      withBounds({ 'SystemDiskSize.maximum': onlyIf(isLimit, (b): LimitBound => ({ ...b, readings: [2048, null], editions: { ...b.editions, 'alibaba-smc/CreateReplicationJob@2030': 4096 } })) }),
    );
    expect(md).toContain('| `SystemDiskSize.maximum` | 2048 (`@2019`: 500; `@2030`: 4096; readings: 2048 or none) | 6144 |');
  });

  it.each([
    ['ASCII', 'x', 300_000],
    ['four-byte characters', '😀', 80_000],
  ])('stays under 64 KiB with a huge curl (%s), cutting the curl with a note and keeping every row', (_, value, times) => {
    const md = renderDriftMarkdown(withBounds({ 'SystemDiskSize.maximum': hugeLastAccepted(value, times) }));
    expect(Buffer.byteLength(md)).toBeLessThan(markdownLimit);
    // Well used: the cut leaves little of the 64 KiB unused.
    expect(Buffer.byteLength(md)).toBeGreaterThan(markdownLimit - 1024);
    expect(md).toMatch(/_Cut to \d+ of \d+ bytes to keep this summary under 64 KiB: drift\.json has the whole command\._/);
    // No character split in two.
    expect(Buffer.from(md, 'utf8').toString('utf8')).toBe(md);
    for (const rule of rules) expect(md).toContain(`| \`${rule}\` |`);
    // Only the long curl is cut; the others are whole.
    expect(md.match(/_Cut to /g)).toHaveLength(1);
    expect(md).toContain(sampleExchange(6145, 400, { SystemDiskSize: '6145' }, 'InvalidParameter').curl);
  });

  it('shares the room between several long curls', () => {
    const md = renderDriftMarkdown(withBounds({ 'SystemDiskSize.maximum': hugeLastAccepted('x', 100_000), 'DataDisk.Size.maximum': hugeLastAccepted('y', 100_000) }));
    expect(Buffer.byteLength(md)).toBeLessThan(markdownLimit);
    const kept = [...md.matchAll(/_Cut to (\d+) of/g)].map((m) => Number(m[1]));
    expect(kept).toHaveLength(2);
    expect(Math.abs(kept[0]! - kept[1]!)).toBeLessThanOrEqual(1);
  });

  it('keeps endpoint bytes as text', () => {
    const md = renderDriftMarkdown(withBounds({ 'SystemDiskSize.maximum': (b) => ({ ...b, why: `refused with ${hostile.closeScript}` }) }));
    expect(md).toContain('refused with &lt;/script&gt;&lt;img src=x onerror="window.__pwned=true"&gt;.');
    expect(md).not.toContain('<img');
  });

  it('says when the probe stopped early and when no edition stands out', () => {
    const md = renderDriftMarkdown({ ...sampleProbe(), closest: null, stopped: 'throttled: 8 answers in a row' });
    expect(md.split('\n')[0]).toMatch(/: drift, no edition stands out$/);
    expect(md).toContain('Stopped early: throttled: 8 answers in a row.');
  });
});

describe('renderDriftHtml', () => {
  it('has a row and a probe for each rule, with verdict badges', () => {
    const html = renderDriftHtml(sampleProbe());
    for (const rule of rules) {
      expect(html).toContain(`<tr class="${sampleProbe().bounds.find((b) => b.rule === rule)!.verdict}" data-rule="${rule}"><td>${rule}</td>`);
      expect(html).toContain(`<div class="bound" data-rule="${rule}">`);
    }
    expect(html).toContain('<td>2048 (@2019: 500)</td><td>6144</td><td><span class="sev drift">drift</span></td>');
    expect(html).toContain('<td>forbiddenPrefix</td><td>accepts 4, refuses 4 (@2019: accepts 8, refuses 0)</td><td>accepts 5, refuses 3</td><td><span class="sev drift">drift</span></td>');
    expect(html).toContain('<li class="refused">10239 → refused</li>');
    expect(html).toContain('<h1 id="verdict">Rules: DRIFT</h1>');
    expect(html).toContain('<th>rules it predicts</th><th>rules it does not</th>');
    expect(html).toContain('<header class="drift">');
  });

  it("tabulates a value set's values and names the readings its answers follow", () => {
    const html = renderDriftHtml(sampleProbe());
    const targetType = html.slice(html.indexOf('<div class="bound" data-rule="TargetType.enum">'), html.indexOf('<div class="bound" data-rule="SystemDiskSize.minimum">'));
    expect(targetType).toContain('<div class="followed">Answers follow target-type-case=exact</div>');
    expect(targetType).toContain('<div class="muted">7 values tried, 7 requests</div>');
    expect(targetType).toContain('<thead><tr><th>value</th><th>@current expects</th><th>@2019 where it differs</th><th>answer</th></tr></thead>');
    expect(targetType).toContain('<tr><td>listed value in another case &quot;image&quot;</td><td>either</td><td>accept</td><td class="refused">refused</td></tr>');
    expect(targetType).toContain('<tr><td>unlisted value &quot;unknown&quot;</td><td>refuse</td><td></td><td class="refused">refused</td></tr>');
    expect(html).toContain('<tr><td>starts with &quot;aliyun&quot;</td><td>refuse</td><td>accept</td><td class="accepted unexpected">accepted ⚠</td></tr>');
    expect(html).toContain('<div>Last accepted: starts with &quot;aliyun&quot; → 200</div>');
    // Where no reading predicts every answer, no such line.
    expect(html.slice(html.indexOf('<div class="bound" data-rule="Tag.Key.forbiddenPrefixes">'))).not.toContain('class="followed"');
  });

  it("escapes a value's label", () => {
    const label = 'starts with "<b>aliyun</b>"';
    const html = renderDriftHtml(
      withBounds({
        'Tag.Key.forbiddenPrefixes': onlyIf(isValueSet, (b) => ({ ...withValue('starts with "aliyun"', (v) => ({ ...v, label }))(b), lastAccepted: { ...b.lastAccepted!, value: label } })),
      }),
    );
    expect(html).not.toContain('<b>');
    expect(html).toContain('<tr><td>starts with &quot;&lt;b&gt;aliyun&lt;/b&gt;&quot;</td><td>refuse</td>');
    expect(html).toContain('<div>Last accepted: starts with &quot;&lt;b&gt;aliyun&lt;/b&gt;&quot; → 200</div>');
  });

  it('escapes HTML in values', () => {
    const html = renderDriftHtml(
      withBounds({
        'SystemDiskSize.maximum': (b) => ({
          ...b,
          why: hostile.closeScript,
          lastAccepted: { ...b.lastAccepted!, curl: `curl -sS --data-binary 'Description=${hostile.script}'`, code: hostile.script },
        }),
      }),
    );
    expect(html).not.toContain(hostile.script);
    expect(html).not.toContain('<img');
    expect(html).toContain("<pre class=\"curl\">curl -sS --data-binary 'Description=&lt;script&gt;window.__pwned = true&lt;/script&gt;'</pre>");
    expect(html).toContain('<div>&lt;/script&gt;&lt;img src=x onerror=&quot;window.__pwned=true&quot;&gt;</div>');
  });
});

describe('writeDriftReports', () => {
  it('writes drift.json, drift.md and drift.html into a new folder', async () => {
    const dir = path.join(await mkdtemp(path.join(tmpdir(), 'mc-drift-')), 'nested');
    const probe = sampleProbe();
    const files = await writeDriftReports(probe, dir);
    expect(files).toEqual(['drift.json', 'drift.md', 'drift.html'].map((name) => path.join(dir, name)));
    expect(JSON.parse(await readFile(files[0]!, 'utf8'))).toEqual(JSON.parse(JSON.stringify(probe)));
    expect(await readFile(files[1]!, 'utf8')).toBe(renderDriftMarkdown(probe));
    expect(await readFile(files[2]!, 'utf8')).toBe(renderDriftHtml(probe));
  });
});
