import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { ConfigError } from '../errors/index.ts';
import type { Config } from '../generated/config.ts';

const configFileExtensions = ['ts', 'mts', 'json'] as const;

/** The names a configuration file may have in the folder a command runs in: TypeScript (`.mts` where package.json says CommonJS) or JSON. */
export const configFileNames = configFileExtensions.map((extension) => `migration-conformance.config.${extension}`);

/** Those names in one, for help texts. */
export const configFileNamePattern = `migration-conformance.config.{${configFileExtensions.join(',')}}`;

/** A configuration and the file it came from: relative paths in it are relative to that file's folder. */
export interface LoadedConfig {
  readonly file: string;
  readonly config: Config;
}

/** The configuration file of `dir`, if it has one; two are an error, since which one wins would be a guess. */
export function findConfigFile(dir: string): string | undefined {
  const found = configFileNames.map((name) => path.join(dir, name)).filter((file) => existsSync(file));
  if (found.length > 1) throw new ConfigError(`${dir} has ${found.length} configuration files (${found.map((f) => path.basename(f)).join(', ')}); keep one`);
  return found[0];
}

// The schema is the package's own, not MIGRATION_CONFORMANCE_SCHEMAS's: it describes the CLI's flags, not contracts.
let validateConfig: ValidateFunction | undefined;
function configValidator(): ValidateFunction {
  validateConfig ??= new Ajv2020({ allErrors: true, strict: true, verbose: true }).compile(JSON.parse(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8')) as object);
  return validateConfig;
}

/** `run.reading[0]` for the instance path `/run/reading/0`. */
function keyOf(instancePath: string, child?: string): string {
  const segments = [...instancePath.split('/').slice(1), ...(child === undefined ? [] : [child])].map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  return segments.reduce((key, segment) => (/^\d+$/.test(segment) ? `${key}[${segment}]` : key ? `${key}.${segment}` : segment), '');
}

/** One problem of a configuration, naming its key. */
function problemOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'additionalProperties') {
    const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {}).filter((k) => k !== '$schema');
    const where = error.instancePath ? `the keys of ${keyOf(error.instancePath)} are its flags' long names` : 'the top takes a section per command and the shared options';
    return `unknown key "${keyOf(error.instancePath, String(params['additionalProperty']))}" (${where}: ${known.join(', ')})`;
  }
  const type = String(params['type']);
  const what = error.keyword === 'type' ? `must be ${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}` : (error.message ?? 'is invalid');
  return `${error.instancePath ? keyOf(error.instancePath) : 'the configuration'} ${what}, not ${JSON.stringify(error.data)}`;
}

/** Checks a configuration against schemas/config.schema.json; a {@link ConfigError} names every bad key and the file. */
export function checkConfig(value: unknown, file: string): Config {
  const validate = configValidator();
  if (validate(value)) return value as Config;
  const problems = [...new Set((validate.errors ?? []).map(problemOf))];
  throw new ConfigError(problems.length === 1 ? `config ${file}: ${problems[0]}` : `config ${file}:\n  ${problems.join('\n  ')}`);
}

function readJson(absolute: string, file: string): unknown {
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read config ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ConfigError(`config ${file} is not JSON: ${(cause as Error).message}`, { cause });
  }
}

/** The default export of a TypeScript configuration, imported with Node's type stripping. */
async function importTypeScript(absolute: string, file: string): Promise<unknown> {
  if (!existsSync(absolute)) throw new ConfigError(`cannot read config ${file}: ENOENT`);
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(absolute).href)) as { default?: unknown };
  } catch (cause) {
    const message = (cause as Error).message ?? String(cause);
    // `import { defineConfig } from 'migration-conformance/config'` needs the package where the file is.
    const hint = /migration-conformance/.test(message) && (cause as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' ? '; install migration-conformance in that folder (npm install --save-dev <its checkout>), or type the export with `import type { Config }` and `satisfies Config` instead' : '';
    throw new ConfigError(`cannot load config ${file}: ${message.split('\n')[0]}${hint}`, { cause });
  }
  if (module.default === undefined) throw new ConfigError(`config ${file} has no default export; write \`export default defineConfig({ … })\``);
  return module.default;
}

/** Reads, loads (a .ts or .mts file is imported) and checks a configuration file, named as the user gave it (relative to `cwd`). */
export async function loadConfigFile(file: string, cwd = process.cwd()): Promise<LoadedConfig> {
  const absolute = path.resolve(cwd, file);
  if (/\.m?ts$/.test(absolute)) return { file: absolute, config: checkConfig(await importTypeScript(absolute, file), file) };
  if (absolute.endsWith('.json')) return { file: absolute, config: checkConfig(readJson(absolute, file), file) };
  throw new ConfigError(`config ${file}: a configuration file is .ts, .mts or .json`);
}
