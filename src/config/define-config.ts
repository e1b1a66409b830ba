import type { Config } from '../generated/config.ts';

/**
 * Types the default export of a migration-conformance.config.ts: the editor checks every key and value
 * against the commands' flags (schemas/config.schema.json). It returns the configuration as it is.
 * Import it from `migration-conformance/config`, a module that loads nothing else.
 */
export function defineConfig(config: Config): Config {
  return config;
}

export type { Config };
