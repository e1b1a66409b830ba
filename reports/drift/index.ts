import type { ProbeResult } from '../../src/probe/probe-result.ts';
import { writeRenderedReports, type Reporter } from '../write-reports.ts';
import { renderDriftHtml } from './html.ts';
import { renderDriftJson } from './json.ts';
import { renderDriftMarkdown } from './markdown.ts';

/** The drift report formats of `probe --report-dir`: file name and renderer, in writing order. */
export const driftReporters = new Map<string, Reporter<ProbeResult>>([
  ['json', { file: 'drift.json', render: renderDriftJson }],
  ['markdown', { file: 'drift.md', render: renderDriftMarkdown }],
  ['html', { file: 'drift.html', render: renderDriftHtml }],
]);

/** Writes drift.json, drift.md and drift.html into `dir`, creating it; returns the paths written. */
export async function writeDriftReports(result: ProbeResult, dir: string): Promise<string[]> {
  return writeRenderedReports(driftReporters, result, dir, [...driftReporters.keys()]);
}

export { renderDriftHtml } from './html.ts';
export { renderDriftJson } from './json.ts';
export { markdownLimit } from '../markdown-text.ts';
export { renderDriftMarkdown } from './markdown.ts';
