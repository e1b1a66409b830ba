import type { ConfigurableCommand, OptionTyping } from './option-typing.ts';

/** A JSON Schema node of the configuration schema. */
export type ConfigSchemaNode = Record<string, unknown>;

/** The schema of one option's value: typed as the flag takes it. */
function valueSchemaOf(option: OptionTyping, description: string): ConfigSchemaNode {
  const single: ConfigSchemaNode =
    option.type === 'boolean'
      ? { type: 'boolean' }
      : option.valueType === 'count'
        ? { type: 'integer', minimum: 0 }
        : option.valueType === 'integer'
          ? { type: 'integer' }
          : { type: 'string' };
  const described = option.valueType === 'path' ? `${description} (relative to this file)` : description;
  return option.multiple ? { description: described, type: 'array', items: single } : { description: described, ...single };
}

type ConfigurableOption = ConfigurableCommand['options'][string];

/** Whether two commands' options of one name take the same kind of value: typed alike, and alike in --help (`drift` is not `<breaking|any>`). */
const sameKindOfValue = (a: ConfigurableOption, b: ConfigurableOption) => a.type === b.type && Boolean(a.multiple) === Boolean(b.multiple) && a.valueType === b.valueType && a.value === b.value;

/**
 * The options that may stand at the top of a configuration, shared: those of two commands or more that
 * take the same kind of value in each (`api` is repeatable in `run` but single in `probe`, so it is not
 * shared; nor is `fail-on`, which takes `drift` in `probe` and `breaking` or `any` in `diff`).
 */
export function sharedOptionsOf(commands: readonly ConfigurableCommand[]): Map<string, { typing: OptionTyping; commands: string[] }> {
  const byName = new Map<string, { typing: ConfigurableOption; commands: string[]; alike: boolean }>();
  for (const command of commands) {
    for (const [name, option] of Object.entries(command.options)) {
      const seen = byName.get(name) ?? { typing: option, commands: [], alike: true };
      byName.set(name, { typing: seen.typing, commands: [...seen.commands, command.name], alike: seen.alike && sameKindOfValue(seen.typing, option) });
    }
  }
  return new Map([...byName].filter(([, o]) => o.alike && o.commands.length > 1).map(([name, { typing, commands: names }]) => [name, { typing, commands: names }]));
}

/**
 * schemas/config.schema.json, from the commands' options: a section per command whose keys are its
 * flags' long names, and at the top the shared options (see {@link sharedOptionsOf}).
 */
export function configSchemaOf(commands: readonly ConfigurableCommand[]): ConfigSchemaNode {
  const shared = sharedOptionsOf(commands);
  const clash = commands.find((c) => shared.has(c.name));
  if (clash) throw new Error(`configSchemaOf: the shared option --${clash.name} has the name of a command`);
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://migration-conformance.local/config.schema.json',
    title: 'Config',
    description:
      'Settings of migration-conformance kept in a repository (migration-conformance.config.ts, .mts or .json). A section per command, whose keys are its flags\' long names; at the top, options shared by every command that has them. Flags on the command line override a command\'s section, which overrides the top. Generated from the commands\' options by `npm run types`.',
    type: 'object',
    additionalProperties: false,
    properties: {
      $schema: { type: 'string' },
      ...Object.fromEntries(
        [...shared].map(([name, { typing, commands: names }]) => [name, valueSchemaOf(typing, `--${name} of every command that has it (${names.join(', ')}), unless its own section sets it`)]),
      ),
      ...Object.fromEntries(
        commands.map((command) => [
          command.name,
          {
            description: `${command.name}: ${command.summary}`,
            type: 'object',
            additionalProperties: false,
            properties: Object.fromEntries(Object.entries(command.options).map(([name, option]) => [name, valueSchemaOf(option, option.description)])),
          },
        ]),
      ),
    },
  };
}
