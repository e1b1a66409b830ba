import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../contract/schema-node.ts';
import { compileSchema } from '../contract/validator.ts';
import { fixedClock } from '../keywords/clock.ts';
import { ownKeywords, toStandardSchema, translatedKeywords, type JsonSchema } from './schema.ts';
import { compileStandard } from './testing/standard-ajv.ts';

/** The keys of a translated schema that name our keywords bare: a standard tool would ignore them. */
function bareOwnKeywords(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  return Object.entries(schema).flatMap(([key, value]) => [...(ownKeywords.includes(key) ? [key] : []), ...(key.startsWith('x-') ? [] : bareOwnKeywords(value))]);
}

/** Values on which a node's standard form must judge exactly as our own keyword implementation does. */
const cases: { name: string; node: SchemaNode; samples: unknown[] }[] = [
  { name: 'firstCharacter letter, empty allowed', node: { type: 'string', firstCharacter: 'letter' }, samples: ['', 'a', 'Z9', '1a', '_a', '中', ' a'] },
  { name: 'firstCharacter letterOrChinese, minLength 2', node: { type: 'string', minLength: 2, firstCharacter: 'letterOrChinese' }, samples: ['中文', 'ab', '1a', 'a', ''] },
  {
    name: 'firstCharacter beside a pattern',
    node: { type: 'string', pattern: '^[A-Za-z0-9:_-]*$', firstCharacter: 'letter' },
    samples: ['abc', '1bc', 'a b', ''],
  },
  {
    name: 'forbiddenPrefixes with regular-expression characters',
    node: { type: 'string', forbiddenPrefixes: ['aliyun', 'acs:', 'http://', 'a.b'] },
    samples: ['aliyunx', 'acs:1', 'acs', 'http:/', 'Aliyun', 'x.http://', 'https://a', 'a.bc', 'axb', ''],
  },
  {
    name: 'enumIgnoringCase',
    node: { type: 'string', enumIgnoringCase: ['Image', 'ContainerImage', 'A.B'] },
    samples: ['image', 'IMAGE', 'Image', 'containerimage', 'Snapshot', 'Image ', 'ImageX', 'a.b', 'AxB'],
  },
  {
    name: 'requiredWhen: a value, false, a list and a present sibling',
    node: {
      type: 'object',
      properties: { NetMode: { type: 'integer' }, VSwitchId: { type: 'string' }, RunOnce: { type: 'boolean' }, Frequency: { type: 'integer' }, TargetType: { type: 'string' }, DataDisk: { type: 'array', items: { type: 'object' } }, SizeBytes: { type: 'integer' }, Device: { type: 'string' } },
      requiredWhen: [
        { property: 'VSwitchId', when: { property: 'NetMode', equals: 2 } },
        { property: 'Frequency', when: { property: 'RunOnce', equals: false } },
        { property: 'DataDisk', when: { property: 'TargetType', equals: 'Image' } },
        { property: 'Device', present: 'SizeBytes' },
      ],
    },
    samples: [{}, { NetMode: 2 }, { NetMode: 2, VSwitchId: 'v' }, { NetMode: 0 }, { RunOnce: false }, { RunOnce: true }, { RunOnce: false, Frequency: 1 }, { TargetType: 'Image', DataDisk: [] }, { TargetType: 'Image', DataDisk: [{}] }, { TargetType: 'image' }, { SizeBytes: 1 }, { SizeBytes: 1, Device: 'd' }],
  },
  {
    name: 'a format of ours narrowing date-time',
    node: { type: 'string', format: 'utc-date-time-seconds' },
    samples: ['2026-01-02T03:04:05Z', '2026-01-02T03:04:05+08:00', '2026-01-02 03:04:05Z', '2026-01-02T03:04:05.000Z', '2026-01-02', '2026-13-02T03:04:05Z'],
  },
  {
    name: 'a format of ours without a standard one (its shape only)',
    node: { type: 'string', format: 'date-time-space-seconds' },
    samples: ['2026-01-02 03:04:05', '2026-01-02T03:04:05Z', '2026/01/02 03:04:05'],
  },
];

describe('our keywords in standard JSON Schema', () => {
  it('has a translation for every keyword of our vocabulary', () => {
    expect(ownKeywords.length).toBeGreaterThanOrEqual(5);
    expect(translatedKeywords).toEqual(expect.arrayContaining([...ownKeywords]));
  });

  it.each(cases)('$name: the standard form judges every sample as our keyword does, and keeps the rule as x-<keyword>', ({ node, samples }) => {
    const translated = toStandardSchema(node);
    expect(bareOwnKeywords(translated)).toEqual([]);
    for (const [keyword, value] of Object.entries(node)) if (ownKeywords.includes(keyword) || keyword === 'format') expect(translated[`x-${keyword}`], keyword).toEqual(value);
    const ours = compileSchema(node);
    const standard = compileStandard(translated);
    for (const sample of samples) expect(standard(sample), JSON.stringify(sample)).toBe(ours(sample));
  });

  it('states a time window in words (it moves with the clock) and its format as date-time with the shape', () => {
    const node: SchemaNode = { type: 'string', format: 'utc-date-time-seconds', timeWindow: { anchor: 'now', after: 'PT0S', exclusiveAfter: true, notAfter: 'P30D' } };
    const rules = [
      { id: 'T.timeWindow.after', kind: 'timeWindow' as const, keyword: 'timeWindow', path: ['T'], pointer: '/T', schemaPointer: '', discriminator: 'after', params: {}, description: 'T must be later than now + PT0S', source: [] },
    ];
    const translated = toStandardSchema(node, rules);
    expect(translated).toMatchObject({ format: 'date-time', 'x-timeWindow': node['timeWindow'], 'x-format': 'utc-date-time-seconds' });
    expect(translated['description']).toBe('- T must be later than now + PT0S.');
    // Past and future times alike are well formed: only our keyword knows the window.
    const past = '2019-06-04T13:35:00Z';
    expect(compileStandard(translated)(past)).toBe(true);
    expect(compileSchema(node, { clock: fixedClock('2026-01-01T00:00:00Z') })(past)).toBe(false);
  });

  it('keeps x-source and descriptions, recurses into properties and items, and drops $schema and $id', () => {
    const source = [{ seed: '001' as const, quote: 'Valid values: 1 to 16.' }];
    const translated = toStandardSchema({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      $id: 'https://migration-conformance.local/x.json',
      type: 'object',
      properties: { List: { type: 'array', description: 'A list.', items: { type: 'object', properties: { Key: { type: 'string', forbiddenPrefixes: ['acs:'], 'x-source': source } } } } },
    });
    expect(translated['$schema']).toBeUndefined();
    expect(translated['$id']).toBeUndefined();
    const key = ((((translated['properties'] as Record<string, JsonSchema>)['List'] as JsonSchema)['items'] as JsonSchema)['properties'] as Record<string, JsonSchema>)['Key'] as JsonSchema;
    expect(key).toEqual({ type: 'string', 'x-source': source, not: { pattern: '^(?:acs:)' }, 'x-forbiddenPrefixes': ['acs:'] });
  });
});
