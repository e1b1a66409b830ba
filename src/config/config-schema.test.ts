import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { commands } from '../cli/commands/index.ts';
import { configSchemaOf, sharedOptionsOf, type ConfigSchemaNode } from './config-schema.ts';
import { defineConfig } from './define-config.ts';

const schema = JSON.parse(readFileSync(new URL('../../schemas/config.schema.json', import.meta.url), 'utf8')) as { properties: Record<string, ConfigSchemaNode & { properties?: Record<string, ConfigSchemaNode> }> };

describe('schemas/config.schema.json', () => {
  it("has a section for every command whose keys are exactly the command's flags (run `npm run types` after changing an option)", () => {
    for (const command of commands.values()) {
      expect(Object.keys(schema.properties[command.name]?.properties ?? {}), command.name).toEqual(Object.keys(command.options));
    }
    const shared = [...sharedOptionsOf([...commands.values()]).keys()];
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', ...shared, ...commands.keys()].sort());
  });

  it('types each value as its flag takes it: counts, switches, repeatable lists, text', () => {
    const run = schema.properties['run']?.properties ?? {};
    expect(run['budget']).toMatchObject({ type: 'integer', minimum: 0 });
    expect(run['strict']).toMatchObject({ type: 'boolean' });
    expect(run['reading']).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(run['shard']).toMatchObject({ type: 'string' });
    expect(run['seed']).toEqual({ description: expect.any(String), type: 'integer' });
    expect(run['profile']?.['description']).toMatch(/\(relative to this file\)$/);
  });
});

describe('sharedOptionsOf', () => {
  const command = (name: string, options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; value?: string }>) => ({
    name,
    summary: name,
    options: Object.fromEntries(Object.entries(options).map(([key, option]) => [key, { ...option, description: key }])),
  });

  it('shares an option of several commands only where each takes the same kind of value', () => {
    const shared = sharedOptionsOf([
      command('a', { profile: { type: 'string', value: '<file>' }, api: { type: 'string', multiple: true }, 'fail-on': { type: 'string', value: 'drift' }, only: { type: 'boolean' } }),
      command('b', { profile: { type: 'string', value: '<file>' }, api: { type: 'string' }, 'fail-on': { type: 'string', value: '<breaking|any>' } }),
    ]);
    expect([...shared]).toEqual([['profile', { typing: expect.objectContaining({ type: 'string' }), commands: ['a', 'b'] }]]);
  });

  it('refuses a shared option named like a command, since the top of the file could not tell them apart', () => {
    expect(() => configSchemaOf([command('list', {}), command('a', { list: { type: 'boolean' } }), command('b', { list: { type: 'boolean' } })])).toThrow(/shared option --list has the name of a command/);
  });
});

describe('defineConfig', () => {
  it('types the keys and values of a configuration', () => {
    // @ts-expect-error: no flag --budgt
    defineConfig({ run: { budgt: 1 } });
    // @ts-expect-error: --budget takes a number in a configuration
    defineConfig({ run: { budget: '2000' } });
    const config = { run: { budget: 2000, reading: ['name-allowed-characters=open'] } };
    expect(defineConfig(config)).toBe(config);
  });
});
