import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { adapterOf, type StarterTarget } from '../../adapters/index.ts';
import { configFileNames } from '../../config/index.ts';
import { apiIds, productOf, type ApiId } from '../../contract/apis.ts';
import { loadContract, schemasDir } from '../../contract/load.ts';
import { exitCodes, UsageError } from '../../errors/index.ts';
import { parseProfile, type TargetProfile } from '../../profile/load-profile.ts';
import { apisOfProfile } from '../../runner/target.ts';
import type { Command } from '../command.ts';

const profileName = 'migration-conformance.profile.json';
const configName = 'migration-conformance.config.ts';

/** A vendor's products (the profile's targets) and the starting target of its adapter. */
interface VendorStart {
  readonly products: readonly string[];
  readonly starter: StarterTarget;
}

/** What `init` can start, by the vendor the contracts of schemas/ name. */
function startsByVendor(): Map<string, VendorStart> {
  const starts = new Map<string, VendorStart>();
  for (const api of apiIds) {
    const contract = loadContract(api);
    const known = starts.get(contract.document.vendor);
    const products = [...new Set([...(known?.products ?? []), productOf(api)])];
    starts.set(contract.document.vendor, { products, starter: adapterOf(contract).starterTarget });
  }
  return starts;
}

/** A TypeScript string literal in single quotes, as the rest of the written file has them. */
const quoted = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

/** The configuration `init` writes: TypeScript, so that it can say in comments what to fill in and the editor types every key. */
function configText(toFill: readonly string[], probeApi: ApiId | undefined): string {
  return [
    '// Settings of migration-conformance for this repository (schemas/config.schema.json). Every command reads',
    '// them from here, or from the file --config names; flags on the command line override them. The keys are',
    "// the flags' long names, per command (`run: { 'report-dir': 'out' }` is `run --report-dir out`); a key at the",
    '// top applies to every command that has that flag. Paths are relative to this file.',
    "import { defineConfig } from 'migration-conformance/config';",
    '',
    'export default defineConfig({',
    `  // The target of every command that takes --profile (run, probe, replay, serve). Fill in ${profileName}:`,
    ...toFill.map((line) => `  //   ${line}`),
    '  //   cleanup: api deletes what a case created right after it; none uses up a fixture per accepted create',
    `  profile: ${quoted(profileName)},`,
    '  run: {',
    '    // Where report.json, junit.xml, summary.md and report.html go.',
    "    'report-dir': 'out/reports',",
    '    // Outside loopback, cases that create something are sent only with this (each is deleted after its case).',
    "    'allow-create': false,",
    '    // Error codes in no catalogue (drift findings) fail the run too.',
    '    strict: false,',
    '    // A fixed seed sends the same cases every run; without one, each run draws new ones and prints its seed.',
    '    // seed: 1,',
    '  },',
    ...(probeApi
      ? ['  probe: {', '    // The operation whose real bounds probe infers.', `    api: ${quoted(probeApi)},`, "    'report-dir': 'out/drift',", '  },']
      : []),
    '});',
    '',
  ].join('\n');
}

/** Whether `import 'migration-conformance/config'` resolves from `dir`, as the written configuration needs. */
function packageResolvesFrom(dir: string): boolean {
  try {
    createRequire(path.join(dir, configName)).resolve('migration-conformance/config');
    return true;
  } catch {
    return false;
  }
}

/** The files init would overwrite, or leave beside its own (another form of the configuration): usage errors unless --force may overwrite them. */
function refuseToClobber(dir: string, force: boolean): void {
  const otherForm = configFileNames.filter((name) => name !== configName).find((name) => existsSync(path.join(dir, name)));
  if (otherForm) throw new UsageError(`init: ${path.join(dir, otherForm)} exists; remove it first (init writes ${configName}, and two configuration files are one too many)`);
  const existing = [profileName, configName].map((name) => path.join(dir, name)).filter((file) => existsSync(file));
  if (existing.length > 0 && !force) throw new UsageError(`init: ${existing.join(' and ')} ${existing.length === 1 ? 'exists' : 'exist'}; --force overwrites`);
}

/** `init`: a starting profile and configuration for one vendor's targets, to fill in. */
export const initCommand: Command = {
  name: 'init',
  summary: 'Write a starting target profile and configuration file for one vendor, to fill in',
  usage: 'migration-conformance init --vendor <vendor> [--dir D] [--force]',
  allowPositionals: false,
  options: {
    vendor: { type: 'string', value: '<vendor>', description: "The vendor whose targets the profile holds, as the contracts name it (alibaba or huawei)" },
    dir: { type: 'string', valueType: 'path', value: '<dir>', description: 'Where to write migration-conformance.profile.json and migration-conformance.config.ts (default: here)' },
    force: { type: 'boolean', description: 'Overwrite those files' },
  },
  run: async ({ values }, io) => {
    const starts = startsByVendor();
    const asked = values['vendor'];
    const start = typeof asked === 'string' ? starts.get(asked) : undefined;
    if (!start) throw new UsageError(`init: --vendor is one of ${[...starts.keys()].join(', ')}${asked === undefined ? '' : `, not ${JSON.stringify(asked)}`}`);
    const dir = path.resolve((values['dir'] as string | undefined) ?? '.');
    refuseToClobber(dir, values['force'] === true);
    const profile: TargetProfile = {
      $schema: path.relative(dir, path.join(schemasDir, 'profile.schema.json')),
      targets: Object.fromEntries(start.products.map((product) => [product, start.starter.config])),
    };
    // The adapter's starter is checked here, so that a profile init writes always loads.
    parseProfile(profile, `the ${String(asked)} starting profile`);
    await mkdir(dir, { recursive: true });
    const profileFile = path.join(dir, profileName);
    const configFile = path.join(dir, configName);
    await writeFile(profileFile, `${JSON.stringify(profile, null, 2)}\n`);
    await writeFile(configFile, configText(start.starter.toFill, apisOfProfile(profile)[0]));
    io.stdout.write(`wrote ${profileFile}\nwrote ${configFile}\nnext: fill in the profile as the comments of the configuration say, then 'migration-conformance run --dry-run' shows the cases a run would send\n`);
    if (!packageResolvesFrom(dir)) io.stderr.write(`note: migration-conformance does not resolve from ${dir}, and ${configName} imports defineConfig from it: install it there (npm install --save-dev <its checkout>)\n`);
    return exitCodes.conforming;
  },
};
