// The import rules of ARCHITECTURE.md's folder table, as dependency-cruiser rules: the table is the rule set.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Folders (and files) whose imports are checked, as ARCHITECTURE.md names them. */
const internal = '^(src/|generators/|emulator/|suites/|reports/)';

/** The rows of the folder table: the folder, and what it may import (`types` marks type-only). */
export function readTable(markdown) {
  const rows = [];
  for (const line of markdown.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const folder = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!folder || cells.length < 5) continue;
    const imports = cells[3];
    const everything = imports === 'everything';
    const allowed = [...imports.matchAll(/`([^`]+)`( \(types\))?/g)].map((m) => ({ path: m[1], typesOnly: m[2] !== undefined }));
    rows.push({ folder, everything, allowed });
  }
  return rows;
}

const escape = (path) => path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forbidden-dependency rules of the table's rows. */
export function rulesOf(rows) {
  const rules = [];
  for (const row of rows.filter((r) => !r.everything && !r.folder.startsWith('schemas/'))) {
    const from = { path: `^${escape(row.folder)}`, pathNot: '\\.test\\.ts$' };
    const values = row.allowed.filter((a) => !a.typesOnly).map((a) => `^${escape(a.path)}`);
    const types = row.allowed.filter((a) => a.typesOnly).map((a) => `^${escape(a.path)}`);
    rules.push({
      name: `layering: ${row.folder}`,
      comment: `${row.folder} may import only ${row.allowed.map((a) => a.path + (a.typesOnly ? ' (types)' : '')).join(', ') || 'nothing internal'} (ARCHITECTURE.md)`,
      severity: 'error',
      from,
      to: { path: internal, pathNot: [`^${escape(row.folder)}`, ...values, ...types].join('|') },
    });
    if (types.length > 0) {
      rules.push({
        name: `layering: ${row.folder} (types only)`,
        comment: `${row.folder} may import only the types of ${row.allowed.filter((a) => a.typesOnly).map((a) => a.path).join(', ')} (ARCHITECTURE.md)`,
        severity: 'error',
        from,
        // A file named for its values (`src/probe/bound-verdict.ts`) inside a folder named for its types is allowed whole.
        to: { path: types.join('|'), ...(values.length > 0 ? { pathNot: values.join('|') } : {}), dependencyTypesNot: ['type-only'] },
      });
    }
  }
  rules.push({ name: 'nothing imports the CLI', severity: 'error', from: { path: internal, pathNot: '^src/cli/|^src/index\\.ts$|\\.test\\.ts$' }, to: { path: '^src/cli/' } });
  rules.push({ name: 'no value cycles', severity: 'error', from: {}, to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } } });
  return rules;
}

const table = readFileSync(fileURLToPath(new URL('./ARCHITECTURE.md', import.meta.url)), 'utf8');

export default {
  forbidden: rulesOf(readTable(table)),
  options: {
    parser: 'swc',
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.test\\.ts$|/testing/|^test/|^bench/|^scripts/' },
  },
};
