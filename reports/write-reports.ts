import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** One report format: the file it is written to and how it renders a result. */
export interface Reporter<Result> {
  readonly file: string;
  readonly render: (result: Result) => string;
}

/** Writes the named reports of `reporters` (in the order named) into `dir`, creating it; returns the paths written. */
export async function writeRenderedReports<Result>(reporters: ReadonlyMap<string, Reporter<Result>>, result: Result, dir: string, names: readonly string[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const name of names) {
    const reporter = reporters.get(name);
    if (!reporter) throw new Error(`unknown report ${name}; known: ${[...reporters.keys()].join(', ')}`);
    const file = path.join(dir, reporter.file);
    await writeFile(file, reporter.render(result));
    written.push(file);
  }
  return written;
}
