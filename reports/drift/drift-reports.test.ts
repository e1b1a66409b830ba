import { readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inconclusiveReasons } from '../../src/checks/outcome.ts';
import { schemasDir } from '../../src/contract/load.ts';
import type { SchemaNode } from '../../src/contract/schema-node.ts';
import { compileSchema } from '../../src/contract/validator.ts';
import type { BoundResult, ProbeResult } from '../../src/probe/probe-result.ts';
import { hostile } from '../fixtures.ts';
import { sampleExchange, sampleProbe } from './fixtures.ts';
import { markdownLimit, renderDriftHtml, renderDriftJson, renderDriftMarkdown, writeDriftReports } from './index.ts';

const schema = JSON.parse(readFileSync(path.join(schemasDir, 'drift.schema.json'), 'utf8')) as SchemaNode & { $defs: { inconclusiveCounts: { properties: object } } };
const validate = compileSchema(schema);

type BoundChange = (bound: BoundResult) => BoundResult;

/** The sample probe with some bounds changed, by rule. */
function withBounds(changes: Readonly<Record<string, BoundChange>>): ProbeResult {
  const probe = sampleProbe();
  expect(probe.bounds.map((b) => b.rule)).toEqual(expect.arrayContaining(Object.keys(changes)));
  return sampleProbe(probe.bounds.map((b) => changes[b.rule]?.(b) ?? b));
}

/** A bound whose last accepted request carries `value` in a parameter, `times` times over. */
const hugeLastAccepted = (value: string, times: number): BoundChange => (b) => ({ ...b, lastAccepted: sampleExchange(b.lastAccepted!.size, 200, `Description=${value.repeat(times)}`) });

const rules = ['SystemDiskSize.minimum', 'SystemDiskSize.maximum', 'DataDisk.Index.maximum', 'DataDisk.Size.maximum', 'Tag.maxItems'];

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
    const bound = report.bounds[1]!;
    const broken: [string, unknown][] = [
      ['no bounds', { ...report, bounds: undefined }],
      ['an unknown field', { ...report, verdict: 'drift' }],
      ['an unknown bound verdict', { ...report, bounds: [{ ...bound, verdict: 'maybe' }] }],
      ['an unknown search end', { ...report, bounds: [{ ...bound, end: 'gave-up' }] }],
      ['an unknown step answer', { ...report, bounds: [{ ...bound, steps: [{ size: 1, answer: 'ok' }] }] }],
      ['an exchange without its curl', { ...report, bounds: [{ ...bound, lastAccepted: { ...(bound['lastAccepted'] as object), curl: undefined } }] }],
      ['an edition bound that is text', { ...report, bounds: [{ ...bound, editions: { a: '500' } }] }],
      ['an unknown inconclusive reason', { ...report, bounds: [{ ...bound, inconclusive: { teapot: 1 } }] }],
      ['a between with a third end', { ...report, bounds: [{ ...bound, between: { accepted: 1, maybe: 2 } }] }],
    ];
    for (const [what, value] of broken) expect(validate(JSON.parse(JSON.stringify(value))), what).toBe(false);
  });

  it('the schema knows every inconclusive reason a bound can count', () => {
    expect(Object.keys(schema.$defs.inconclusiveCounts.properties).sort()).toEqual([...inconclusiveReasons, 'unbuildable'].sort());
  });
});

describe('renderDriftMarkdown', () => {
  it('titles the API, target and closest edition, and has one row per bound', () => {
    const md = renderDriftMarkdown(sampleProbe());
    expect(md.split('\n')[0]).toBe(
      '# ⚠️ Bounds of `alibaba-smc/CreateReplicationJob@current` at `http://127.0.0.1:9101`: drift, closest edition: alibaba-smc/CreateReplicationJob@current',
    );
    const table = md.split('\n').filter((line) => line.startsWith('| `'));
    expect(table).toEqual([
      '| `SystemDiskSize.minimum` | 20 | 20 | ✅ matches | 2 |',
      '| `SystemDiskSize.maximum` | 2048 (@2019: 500) | 6144 | ⚠️ drift | 26 |',
      '| `DataDisk.Index.maximum` | 16 | ≥ 16 (inconclusive) | ❔ inconclusive | 4 |',
      '| `DataDisk.Size.maximum` | 32768 | ≥ 65536 (unbounded) | ⚠️ drift | 17 |',
      '| `Tag.maxItems` | 20 (@2019: none) | 20 | ✅ matches | 2 |',
      '| `alibaba-smc/CreateReplicationJob@2019` | 2 | 3 |',
      '| `alibaba-smc/CreateReplicationJob@current` (closest) | 3 | 2 |',
    ]);
    expect(md).toContain('5 bounds: 2 matches, 2 drift, 1 inconclusive · 51 requests, 34 cleanup calls · seed 42');
    expect(md).toContain('- `SystemDiskSize.maximum`: `j-bp1e7xd4n9x0q2a3c5f1`, DeleteReplicationJob answered 500 InternalError twice');
  });

  it('gives each drifted or inconclusive bound its why and the curl of its last accepted and first rejected requests', () => {
    const md = renderDriftMarkdown(sampleProbe());
    const sections = md.split('\n### ').slice(1);
    expect(sections.map((s) => s.split('\n')[0])).toEqual(['⚠️ SystemDiskSize.maximum: drift', '❔ DataDisk.Index.maximum: inconclusive', '⚠️ DataDisk.Size.maximum: drift']);
    const [systemDisk, dataDiskIndex] = sections;
    expect(systemDisk).toContain('accepts up to 6144 and refuses 6145; the documents say 2048.');
    expect(systemDisk).toContain(`Last accepted: 6144 → 200\n\n\`\`\`\n${sampleExchange(6144, 200, 'SystemDiskSize=6144').curl}\n\`\`\``);
    expect(systemDisk).toContain(`First rejected: 6145 → 400 InvalidParameter\n\n\`\`\`\n${sampleExchange(6145, 400, 'SystemDiskSize=6145', 'InvalidParameter').curl}\n\`\`\``);
    expect(dataDiskIndex).toContain('Answers that said nothing about the rule: state 3.');
    expect(dataDiskIndex).not.toContain('First rejected');
    expect(md).not.toContain('Cut to');
  });

  it('names the readings and every other edition that state another bound', () => {
    const md = renderDriftMarkdown(withBounds({ 'SystemDiskSize.maximum': (b) => ({ ...b, readings: [2048, null], editions: { ...b.editions, 'alibaba-smc/CreateReplicationJob@2030': 4096 } }) }));
    expect(md).toContain('| `SystemDiskSize.maximum` | 2048 (@2019: 500; @2030: 4096; readings: 2048 or none) | 6144 |');
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
    expect(md).toContain(sampleExchange(6145, 400, 'SystemDiskSize=6145', 'InvalidParameter').curl);
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
  it('has a row and a search for each rule, with verdict badges', () => {
    const html = renderDriftHtml(sampleProbe());
    for (const rule of rules) {
      expect(html).toContain(`<tr class="${sampleProbe().bounds.find((b) => b.rule === rule)!.verdict}" data-rule="${rule}"><td>${rule}</td>`);
      expect(html).toContain(`<div class="bound" data-rule="${rule}">`);
    }
    expect(html).toContain('<td>2048 (@2019: 500)</td><td>6144</td><td><span class="sev drift">drift</span></td>');
    expect(html).toContain('<li class="refused">10239 → refused</li>');
    expect(html).toContain('<header class="drift">');
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
