import { readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Nothing outside the adapters (src/adapters/, the emulator's front ends), the contracts and the tests
// compares vendor names: everything else asks the adapter of a contract or a target.
const root = fileURLToPath(new URL('../', import.meta.url));
const allowed = [/^src\/adapters\//, /^emulator\/front-ends\//, /^src\/generated\//, /\.test\.ts$/, /\/testing\//, /^reports\/(drift\/)?fixtures\.ts$/];
const comparisons = [
  /[=!]==?\s*['"`](alibaba|huawei)['"`]/,
  /['"`](alibaba|huawei)['"`]\s*[=!]==?/,
  /case\s+['"`](alibaba|huawei)['"`]\s*:/,
  /\.(startsWith|includes|endsWith)\(\s*['"`](alibaba|huawei)/,
  /['"`](alibaba-smc|huawei-dcs)(\/[^'"`]*)?['"`]/,
  /\bvendor\s*===|===\s*[\w.]*\.vendor\b/,
];

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : Promise.resolve(e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))));
  return nested.flat();
}

/** Code only: comments say which vendor a module is about, which is fine. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('vendor names', () => {
  it('are compared only in the adapters', async () => {
    const files = (await Promise.all(['src', 'generators', 'emulator', 'suites', 'reports', 'bench', 'scripts'].map(sources))).flat();
    expect(files.length).toBeGreaterThan(100);
    const offending = files
      .filter((file) => !allowed.some((pattern) => pattern.test(file)))
      .flatMap((file) =>
        code(readFileSync(path.join(root, file), 'utf8'))
          .split('\n')
          .flatMap((line, index) => (comparisons.some((pattern) => pattern.test(line)) ? [`${file}:${index + 1}: ${line.trim()}`] : [])),
      );
    expect(offending).toEqual([]);
  });

  it('would be caught by the patterns', () => {
    for (const line of ["if (target.vendor === 'alibaba') {", "x === 'huawei'", "case 'alibaba':", "api.startsWith('alibaba')", "const id = 'alibaba-smc/CreateReplicationJob@current';", "contract.document.vendor === vendor"]) {
      expect(comparisons.some((pattern) => pattern.test(line)), line).toBe(true);
    }
  });
});
