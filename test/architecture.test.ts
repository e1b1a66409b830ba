import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';
import { describe, expect, it } from 'vitest';
import config, { readTable } from '../.dependency-cruiser.mjs';

// ARCHITECTURE.md's folder table is the rule set: every import of the tree is checked against it.
const root = fileURLToPath(new URL('../', import.meta.url));
const options = (baseDir: string) => ({ ...config.options, baseDir, validate: true, ruleSet: { forbidden: config.forbidden } });
const violationsOf = async (baseDir: string, paths: string[]) => {
  const result = await cruise(paths, options(baseDir));
  if (typeof result.output === 'string') throw new Error('dependency-cruiser gave no module list');
  return { cruised: result.output.summary.totalCruised, violations: result.output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`) };
};

describe('the layering of ARCHITECTURE.md', () => {
  it('holds for every import of the tree', async () => {
    const { cruised, violations } = await violationsOf(root, ['src', 'generators', 'emulator', 'suites', 'reports']);
    expect(cruised).toBeGreaterThan(150);
    expect(violations).toEqual([]);
  }, 60_000);

  it('names every folder of src/ and the top-level code folders in its table', async () => {
    const folders = readTable(readFileSync(path.join(root, 'ARCHITECTURE.md'), 'utf8')).map((r) => r.folder);
    const src = (await readdir(path.join(root, 'src'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => `src/${e.name}/`);
    for (const folder of [...src, 'generators/', 'emulator/', 'suites/', 'reports/']) expect(folders, folder).toContain(folder);
  });

  it('catches an import the table forbids, a value import where only types are allowed, and a cycle', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'mc-layering-'));
    const file = async (name: string, text: string) => {
      await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
      await writeFile(path.join(dir, name), text);
    };
    await file('src/runner/run.ts', "export const run = 1;\n");
    await file('src/checks/check.ts', "import { run } from '../runner/run.ts';\nexport const check = run;\n");
    await file('src/contract/rule.ts', "export const rule = 1;\nexport type Rule = number;\n");
    await file('src/keywords/max.ts', "import { rule } from '../contract/rule.ts';\nimport type { Rule } from '../contract/rule.ts';\nexport const max: Rule = rule;\n");
    await file('src/json/a.ts', "import { b } from './b.ts';\nexport const a = () => b;\n");
    await file('src/json/b.ts', "import { a } from './a.ts';\nexport const b = () => a;\n");
    const { violations } = await violationsOf(dir, ['src']);
    expect(violations).toEqual(
      expect.arrayContaining([
        'layering: src/checks/: src/checks/check.ts -> src/runner/run.ts',
        'layering: src/keywords/ (types only): src/keywords/max.ts -> src/contract/rule.ts',
        expect.stringMatching(/^no value cycles: src\/json\/[ab]\.ts -> src\/json\/[ab]\.ts$/),
      ]),
    );
    // The type-only import of the same module is allowed.
    expect(violations.filter((v) => v.startsWith('layering: src/keywords/:'))).toEqual([]);
  }, 60_000);
});
