import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { apiIds } from '../../contract/apis.ts';
import { loadContract } from '../../contract/load.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { documentFile, openApiDocument } from '../../openapi/index.ts';
import { apiOption, requireApi } from '../api-option.ts';
import type { Command } from '../command.ts';
import { readingOption, readingsFrom } from '../reading-option.ts';

/** The formats `export` writes; more may come beside `openapi`. */
const exportFormats = ['openapi'] as const;

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Checks the flags: either one operation (`--api`, to stdout or `--out`) or all of them (`--all --out-dir`). */
function modeOf(values: Readonly<Record<string, unknown>>): { all: true; dir: string } | { all: false; out: string | undefined } {
  const { api, all, out } = values;
  const dir = values['out-dir'];
  const reading = values['reading'] as unknown[] | undefined;
  if (all === true) {
    if (api !== undefined) throw new UsageError('export: --api and --all exclude each other');
    if (out !== undefined) throw new UsageError('export: --all writes one file per operation: give --out-dir <dir>, not --out');
    if (typeof dir !== 'string') throw new UsageError('export: --all needs --out-dir <dir>');
    if ((reading?.length ?? 0) > 0) throw new UsageError("export: --reading names one contract's contradictions: use it with --api");
    return { all: true, dir };
  }
  if (dir !== undefined) throw new UsageError('export: --out-dir goes with --all; for one operation give --out <file>');
  // JSON is valid YAML, but a .yaml file promises YAML, and no YAML library is among the dependencies.
  if (typeof out === 'string' && /\.ya?ml$/i.test(out)) throw new UsageError('export: only JSON is written (no YAML library is a dependency); name a .json file');
  return { all: false, out: out as string | undefined };
}

/** `export openapi`: the contracts as OpenAPI 3.1 documents, one per operation and edition. */
export const exportCommand: Command = {
  name: 'export',
  summary: 'Write the contracts in another format: OpenAPI 3.1, one document per operation and edition',
  usage: 'migration-conformance export openapi (--api ID [--out FILE] [--reading C=R...] | --all --out-dir DIR)',
  allowPositionals: true,
  options: {
    api: apiOption,
    all: { type: 'boolean', description: 'Every operation and edition, each in its own file <dir>/<product>/<Operation>[@edition].openapi.json' },
    out: { type: 'string', value: '<file>', description: 'Write the document of --api to this JSON file (default: standard output)' },
    'out-dir': { type: 'string', value: '<dir>', description: 'With --all: the folder of the documents' },
    reading: readingOption,
  },
  run: async ({ values, positionals }, io) => {
    const [format, ...extra] = positionals;
    if (format === undefined || !(exportFormats as readonly string[]).includes(format) || extra.length > 0) {
      throw new UsageError(`export: name one format, ${exportFormats.join(' or ')} (got ${positionals.length === 0 ? 'none' : positionals.join(' ')})`);
    }
    const mode = modeOf(values);
    if (mode.all) {
      for (const id of apiIds) {
        const file = path.join(mode.dir, documentFile(id));
        await writeText(file, json(openApiDocument(loadContract(id))));
        io.stdout.write(`${file}\n`);
      }
      return exitCodes.conforming;
    }
    const id = requireApi(values['api'], 'export');
    const text = json(openApiDocument(loadContract(id), { readings: readingsFrom(values['reading'], 'export') }));
    if (mode.out === undefined) io.stdout.write(text);
    else await writeText(mode.out, text);
    return exitCodes.conforming;
  },
};
