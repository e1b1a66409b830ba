export { checkConfig, configFileNamePattern, configFileNames, findConfigFile, loadConfigFile } from './config-file.ts';
export { configSchemaOf, sharedOptionsOf } from './config-schema.ts';
export { defineConfig } from './define-config.ts';
export { loadConfig, mergeConfig, takeConfigFlag } from './merge-config.ts';

export type { Config } from './define-config.ts';
export type { LoadedConfig } from './config-file.ts';
export type { ConfigSchemaNode } from './config-schema.ts';
export type { ConfigurableCommand, OptionTyping, OptionValues } from './option-typing.ts';
