import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleFinding, sampleResult } from './fixtures.ts';
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

async function open(html: string) {
  const dir = await mkdtemp(path.join(tmpdir(), 'mc-html-'));
  const file = path.join(dir, 'report.html');
  await writeFile(file, html);
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
    const failedCell = page.locator('tr[data-rule="SystemDiskSize.maximum"] td.failed');
    expect(await failedCell.count()).toBe(1);
    expect(await page.locator('tr[data-rule="ImageName.requiredWhen.TargetType"] td').last().textContent()).toBe('rejects');
    expect(await page.locator('.finding').count()).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: boolean }).__pwned)).toBeUndefined();
    expect(await page.locator('.finding pre').first().textContent()).toContain('curl -sS');
    expect(errors).toEqual([]);
    expect(requests).toEqual([pathToFileURL(file).href]);
    await page.screenshot({ path: path.join(tmpdir(), 'mc-report.png'), fullPage: true });
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

  it('stays usable with thousands of findings (paged)', async () => {
    const many = Array.from({ length: 3000 }, (_, i) => sampleFinding({ caseId: `c#${i}` }));
    const { page, context } = await open(renderHtml(sampleResult(many)));
    expect(await page.locator('.finding').count()).toBe(50);
    expect(await page.textContent('#pager')).toContain('3000 findings, page 1 of 60');
    await context.close();
  });
});
