import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The shared folder beside the repository (seeds and reference); SHARED_DIR overrides it. */
export const sharedDir = process.env['SHARED_DIR'] ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

const seedFiles: Record<string, string> = {
  '000': 'seeds/000_f495ba3a9422317f.txt',
  '001': 'seeds/001_838464b60c676e85.txt',
  '003': 'seeds/003_5d5e9dc8a5470915.txt',
  '004': 'seeds/004_cf193618eb2d680d.txt',
  reference: 'reference/protocols.md',
};

/** Folds runs of white space to one space, so a quote may span the doc's line breaks and table padding. */
export function foldSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const cache = new Map<string, string>();

/** The folded text of a seed (`000`…`004`) or of the reference. */
export function docText(seed: string): string {
  const file = seedFiles[seed];
  if (!file) throw new Error(`no document for seed ${seed}`);
  let text = cache.get(seed);
  if (text === undefined) {
    if (!existsSync(sharedDir)) throw new Error(`the shared documents are not at ${sharedDir}: check out shared/ beside the repository or set SHARED_DIR`);
    text = foldSpace(readFileSync(path.join(sharedDir, file), 'utf8'));
    cache.set(seed, text);
  }
  return text;
}
