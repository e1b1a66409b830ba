import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleProbe } from './drift/fixtures.ts';
import { writeDriftReports } from './drift/index.ts';
import { hostile, inconclusiveResult, noCreateLine, sampleFinding, sampleResult } from './fixtures.ts';
import { renderHtml } from './html.ts';

// Debian's Chromium, installed by .ci/run; never a browser download.
const executablePath = '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`${executablePath} is missing: apt-get install chromium (.ci/run does)`);
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}, 60_000);
afterAll(async () => browser?.close());

/** Opens `html` as report.html of a new folder. */
async function open(html: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-html-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, html);
  return openFile(file);
}

/** Opens a page from disk in a new context, collecting its errors and requests. */
async function openFile(file: string) {
  const context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  const page = await context.newPage();
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  return { page, errors, requests, file, context };
}

describe('report.html in Chromium', () => {
  it('shows the verdict, the rules × checks matrix and the findings, and runs no endpoint bytes', async () => {
    const { page, errors, requests, file, context } = await open(renderHtml(sampleResult()));
    expect(await page.textContent('#verdict')).toBe('Conformance: FAILED');
    expect(await page.textContent('#coverage')).toBe('Coverage: 3 of 4 testable rules conclusive (75%, minimum 90%)');
    const failedCell = page.locator('tr[data-rule="SystemDiskSize.maximum"] td.failed');
    expect(await failedCell.count()).toBe(1);
    expect(await page.locator('tr[data-rule="ImageName.requiredWhen.TargetType"] td').last().textContent()).toBe('ImageName.required: required (2 probes)');
    expect(await page.locator('.finding').count()).toBe(3);
    expect(await page.locator('.finding').first().textContent()).toContain('Request (shrunk in 6 requests):');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('.finding pre').first().textContent()).toContain('curl -sS');
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: path.join(tmpdir(), 'mc-report.png'), fullPage: true });
    await context.close();
  });

  it('shows an inconclusive run: verdict, coverage and what was not tested in the header, answers by reason, coverage per rule', async () => {
    const { page, errors, requests, file, context } = await open(renderHtml(inconclusiveResult()));
    expect(await page.textContent('#verdict')).toBe('Conformance: INCONCLUSIVE');
    const header = page.locator('header');
    expect(await header.getAttribute('class')).toBe('inconclusive');
    expect(await header.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(74, 98, 120)');
    expect(await page.locator('header > :nth-child(2)').getAttribute('id')).toBe('coverage');
    expect(await page.locator('#coverage > div').allTextContents()).toEqual(['Coverage: 4 of 7 testable rules conclusive (57.1%, minimum 90%)', `Not tested: ${noCreateLine}`]);
    expect(await page.textContent('#inconclusive')).toBe('Inconclusive answers: authentication 4 · throttling 3 · creating-not-allowed 5');
    expect(await page.locator('#coverage-by-api tbody tr').evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent)))).toEqual([
      ['alibaba-smc/CreateReplicationJob@current', '4', '2', '1', '1', '1'],
      ['huawei-dcs/CreateMigrationTask', '3', '2', '1', '0', '0'],
    ]);
    const cell = (rule: string) => page.locator(`tr[data-rule="${rule}"] td.coverage`);
    expect(await cell('Frequency.maximum').textContent()).toBe('inconclusive');
    expect(await cell('Frequency.maximum').getAttribute('class')).toBe('coverage cov-inconclusive');
    // The reason, endpoint bytes and all, is an attribute's text.
    expect(await cell('Frequency.maximum').getAttribute('title')).toBe('4 answers refused authentication (</script><img src=x onerror="window.__pwned=true">)');
    expect(await cell('(valid)').getAttribute('title')).toBe('no-create mode: a valid request would create a job');
    expect(await cell('(stateful) one incomplete job per source').textContent()).toBe('not-covered');
    expect(await cell('(wire) content-type').textContent()).toBe('covered');
    expect(await page.locator('tr[data-rule="SystemDiskSize.maximum"] td.conclusive').textContent()).toBe('3');
    expect(await page.locator('tr[data-rule="ImageName.requiredWhen.TargetType"] td.readings').textContent()).toBe('ImageName.required: no single reading (2 probes)');
    const colours = await page.locator('td.coverage').evaluateAll((cells) => [...new Set(cells.map((c) => c.className + ' ' + getComputedStyle(c).backgroundColor))].sort());
    expect(colours).toHaveLength(4);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: path.join(tmpdir(), 'mc-report-inconclusive.png'), fullPage: true });
    await context.close();
  });

  it('filters findings by severity', async () => {
    const { page, context } = await open(renderHtml(sampleResult()));
    await page.selectOption('#f-severity', 'violation');
    expect(await page.locator('.finding').count()).toBe(1);
    expect(await page.locator('.finding').first().getAttribute('data-severity')).toBe('violation');
    await context.close();
  });

  it('copies the reproduction to the clipboard', async () => {
    const { page, context } = await open(renderHtml(sampleResult()));
    await page.locator('button.copy').first().click();
    await expect.poll(() => page.locator('button.copy').first().textContent()).toBe('Copied');
    const copied = await page.evaluate(() => navigator.clipboard.readText()).catch(() => undefined);
    if (copied !== undefined) expect(copied).toContain('curl -sS');
    await context.close();
  });

  it('shows a minimal call sequence', async () => {
    const finding = sampleFinding({ check: 'stateful-sequence', sequence: [{ request: sampleFinding().request, status: 200, curl: 'curl -sS one' }, { request: sampleFinding().request, status: 200, curl: 'curl -sS two' }] });
    const { page, errors, context } = await open(renderHtml(sampleResult([finding])));
    expect(await page.locator('pre.sequence').textContent()).toBe('# 1: answered 200\ncurl -sS one\n# 2: answered 200\ncurl -sS two');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('stays usable with 10,000 findings (paged): 50 on a page, the next page a click away', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => sampleFinding({ caseId: `c#${i}` }));
    const { page, context } = await open(renderHtml(sampleResult(many)));
    expect(await page.locator('.finding').count()).toBe(50);
    expect(await page.textContent('#pager')).toContain('10000 findings, page 1 of 200');
    await page.getByRole('button', { name: 'next ›' }).click();
    expect(await page.textContent('#pager')).toContain('page 2 of 200');
    expect(await page.locator('.finding').count()).toBe(50);
    await context.close();
  });
});

describe('drift.html in Chromium', () => {
  it('shows the drift table with a row per rule, verdict badges, the searches and the values tried, and runs no endpoint bytes', async () => {
    const probe = sampleProbe();
    const hostileCurl = `curl -sS --data-binary 'Description=${hostile.script}${hostile.closeScript}'`;
    const hostileLabel = `starts with "<b>aliyun</b>${hostile.closeScript}"`;
    const bounds = probe.bounds.map((b) => {
      if (b.rule === 'SystemDiskSize.maximum') return { ...b, lastAccepted: { ...b.lastAccepted!, curl: hostileCurl } };
      if (b.rule === 'Tag.Key.forbiddenPrefixes' && 'values' in b) return { ...b, values: b.values.map((v) => (v.label === 'starts with "aliyun"' ? { ...v, label: hostileLabel } : v)) };
      return b;
    });
    const [, , html] = await writeDriftReports(sampleProbe(bounds), await mkdtemp(path.join(tmpdir(), 'mc-drift-html-')));
    const { page, errors, requests, file, context } = await openFile(html!);
    expect(path.basename(file)).toBe('drift.html');
    expect(await page.textContent('#verdict')).toBe('Rules: DRIFT');
    expect(await page.textContent('#summary')).toBe('9 rules: 4 matches, 3 drift, 2 inconclusive · 75 requests, 34 cleanup calls · seed 42');
    expect(await page.locator('header').evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(138, 109, 0)');
    const rows = await page.locator('#drift-table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent)));
    expect(rows).toEqual([
      ['SourceId.required', 'required', 'accepts 1, refuses 1', 'accepts 1, refuses 1, following the documents as written', 'matches', '2'],
      ['Name.firstCharacter', 'firstCharacter', 'accepts 2, refuses 2, 1 by reading', 'accepts 2, refuses 2, 1 inconclusive, following the documents as written', 'inconclusive', '7'],
      ['TargetType.enum', 'enum', 'accepts 3, refuses 1, 3 by reading (@2019: accepts 1, refuses 4, 2 by reading)', 'accepts 3, refuses 4, following target-type-case=exact', 'matches', '7'],
      ['SystemDiskSize.minimum', 'range', '20', '20', 'matches', '2'],
      ['SystemDiskSize.maximum', 'range', '2048 (@2019: 500)', '6144', 'drift', '26'],
      ['DataDisk.Index.maximum', 'range', '16', '≥ 16 (inconclusive)', 'inconclusive', '4'],
      ['DataDisk.Size.maximum', 'range', '32768', '≥ 65536 (unbounded)', 'drift', '17'],
      ['Tag.maxItems', 'count', '20 (@2019: none)', '20', 'matches', '2'],
      ['Tag.Key.forbiddenPrefixes', 'forbiddenPrefix', 'accepts 4, refuses 4 (@2019: accepts 8, refuses 0)', 'accepts 5, refuses 3', 'drift', '8'],
    ]);
    // One badge colour per verdict.
    const badges = await page.locator('#drift-table .sev').evaluateAll((spans) => [...new Set(spans.map((s) => s.className + ' ' + getComputedStyle(s).backgroundColor))].sort());
    expect(badges).toEqual(['sev drift rgb(138, 109, 0)', 'sev inconclusive rgb(74, 98, 120)', 'sev matches rgb(31, 122, 58)']);
    expect(await page.locator('#editions tbody tr').allTextContents()).toEqual(['alibaba-smc/CreateReplicationJob@201945', 'alibaba-smc/CreateReplicationJob@current (closest)63']);
    const search = page.locator('.bound[data-rule="SystemDiskSize.maximum"]');
    expect(await search.locator('ol.steps li').count()).toBe(26);
    expect(await search.locator('ol.steps li').last().textContent()).toBe('6144 → accepted');
    expect(await search.locator('pre.curl').first().textContent()).toBe(hostileCurl);
    // A value set: the readings its answers follow, then a row per value tried, the answer coloured by outcome.
    const targetType = page.locator('.bound[data-rule="TargetType.enum"]');
    expect(await targetType.locator('.followed').textContent()).toBe('Answers follow target-type-case=exact');
    expect(await targetType.locator('table.values th').allTextContents()).toEqual(['value', '@current expects', '@2019 where it differs', 'answer']);
    expect(await targetType.locator('table.values tbody tr').count()).toBe(7);
    const answerColours = await targetType.locator('table.values td:last-child').evaluateAll((cells) => [...new Set(cells.map((c) => `${c.textContent} ${getComputedStyle(c).backgroundColor}`))].sort());
    expect(answerColours).toEqual(['accepted rgb(230, 244, 234)', 'refused rgb(252, 232, 230)']);
    // The value accepted against the documents stands out; its label, endpoint-chosen bytes and all, stays text.
    const unexpected = page.locator('.bound[data-rule="Tag.Key.forbiddenPrefixes"] td.unexpected');
    expect(await unexpected.count()).toBe(1);
    expect(await unexpected.evaluate((td) => [td.parentElement?.firstElementChild?.textContent, td.textContent, getComputedStyle(td).fontWeight])).toEqual([hostileLabel, 'accepted ⚠', '600']);
    expect(await page.locator('b').count()).toBe(0);
    // Before the click scrolls the page (sticky table heads would follow it).
    await page.screenshot({ path: path.join(tmpdir(), 'mc-drift.png'), fullPage: true });
    await search.locator('button.copy').first().click();
    await expect.poll(() => search.locator('button.copy').first().textContent()).toBe('Copied');
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await context.close();
  });
});
