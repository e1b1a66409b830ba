/**
 * How a command-line option's value is typed, on the command line and in a configuration file. The
 * CLI's option specs extend it, so the configuration schema is generated from the options themselves.
 */
export interface OptionTyping {
  readonly type: 'string' | 'boolean';
  /** Repeatable: an array in a configuration file. */
  readonly multiple?: boolean;
  /**
   * What a string option's value is: `integer` (any), `count` (0 or more), each a number in a
   * configuration file; `path`, which a configuration file gives relative to its own folder.
   * Without it, free text.
   */
  readonly valueType?: 'integer' | 'count' | 'path';
}

/** A command as the configuration sees it: its name (the file's section), summary and options. */
export interface ConfigurableCommand {
  readonly name: string;
  readonly summary: string;
  /** Its options with the words `--help` shows: the description, and what the value looks like (`<n>`). */
  readonly options: Readonly<Record<string, OptionTyping & { readonly description: string; readonly value?: string }>>;
}

/** Option values as node:util parseArgs returns them: what the commands read, from flags or from a file. */
export type OptionValues = Record<string, string | boolean | (string | boolean)[] | undefined>;
