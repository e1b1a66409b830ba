import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunResult } from '../src/runner/run-result.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';

/** The report formats: file name and renderer, in writing order. */
export const reporters = new Map<string, { readonly file: string; readonly render: (result: RunResult) => string }>([
  ['json', { file: 'report.json', render: renderJson }],
  ['junit', { file: 'junit.xml', render: renderJunit }],
  ['markdown', { file: 'summary.md', render: renderMarkdown }],
  ['html', { file: 'report.html', render: renderHtml }],
]);

/** Writes the named reports (default: all four) into `dir`, creating it; returns the paths written. */
export async function writeReports(result: RunResult, dir: string, names: readonly string[] = [...reporters.keys()]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of names) {
    const reporter = reporters.get(name);
    if (!reporter) throw new Error(`writeReports: unknown report ${name}; known: ${[...reporters.keys()].join(', ')}`);
    const file = path.join(dir, reporter.file);
    await writeFile(file, reporter.render(result));
    written.push(file);
  }
  return written;
}

export { renderHtml } from './html.ts';
export { renderJson } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown } from './markdown.ts';
