import type { RunResult } from '../src/runner/run-result.ts';
import { renderHtml } from './html.ts';
import { renderJson } from './json.ts';
import { renderJunit } from './junit.ts';
import { renderMarkdown } from './markdown.ts';
import { writeRenderedReports, type Reporter } from './write-reports.ts';

/** The report formats: file name and renderer, in writing order. */
export const reporters = new Map<string, Reporter<RunResult>>([
  ['json', { file: 'report.json', render: renderJson }],
  ['junit', { file: 'junit.xml', render: renderJunit }],
  ['markdown', { file: 'summary.md', render: renderMarkdown }],
  ['html', { file: 'report.html', render: renderHtml }],
]);

/** Writes the named reports (default: all four) into `dir`, creating it; returns the paths written. */
export async function writeReports(result: RunResult, dir: string, names: readonly string[] = [...reporters.keys()]): Promise<string[]> {
  return writeRenderedReports(reporters, result, dir, names);
}

export { renderHtml } from './html.ts';
export { renderJson } from './json.ts';
export { renderJunit } from './junit.ts';
export { renderMarkdown } from './markdown.ts';
export { driftReporters, renderDriftHtml, renderDriftJson, renderDriftMarkdown, writeDriftReports } from './drift/index.ts';
