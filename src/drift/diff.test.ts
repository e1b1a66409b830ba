import { describe, expect, it } from 'vitest';
import { apiIds } from '../contract/apis.ts';
import { loadContract, type Contract } from '../contract/load.ts';
import { readingChoicesOf } from '../contract/readings.ts';
import { deriveRules } from '../contract/rules.ts';
import type { SchemaNode } from '../contract/schema-node.ts';
import type { Source } from '../contract/source.ts';
import { UsageError } from '../errors/index.ts';
import type { ContractDocument, Contradiction, DocumentedError, StatefulRule } from '../generated/contract-document.ts';
import { impacts, type Change } from './change.ts';
import { operationOf } from '../contract/apis.ts';
import { diffContracts } from './diff.ts';
import { failsOn, formatValue, renderJson, renderMarkdown, renderText } from './render.ts';

// Small hand-made contracts of one operation, `test/Op@a` → `test/Op@b`, each change kind on its own.

type Parts = Partial<Pick<ContractDocument, 'stateful' | 'errors' | 'contradictions'>>;

/** A contract from a request schema and contract.json parts, its rules and readings derived as loadContract derives them. */
function contractOf(id: string, schema: SchemaNode, parts: Parts = {}): Contract {
  const document = { id, binding: { style: 'rpc' }, stateful: [], errors: [], contradictions: [], ...parts } as unknown as ContractDocument;
  const rules = deriveRules(schema, { style: 'rpc' });
  return { id, document, requestSchema: schema, rules, readings: readingChoicesOf(document, schema, rules, 'rpc') } as unknown as Contract;
}

const said = (seed: Source['seed'], quote: string): Source[] => [{ seed, quote }];

/** A request schema of the named properties, each quoted from seed 000 (`a`) or 001 (`b`). */
function schemaOf(edition: 'a' | 'b', properties: Record<string, SchemaNode>, extra: Partial<SchemaNode> = {}): SchemaNode {
  const seed = edition === 'a' ? '000' : '001';
  const quoted = (node: SchemaNode, name: string): SchemaNode => ({
    ...node,
    'x-source': said(seed, `${name} in ${edition}`),
    ...(node.properties ? { properties: Object.fromEntries(Object.entries(node.properties).map(([k, v]) => [k, quoted(v, k)])) } : {}),
    ...(node.items?.properties ? { items: { ...node.items, properties: Object.fromEntries(Object.entries(node.items.properties).map(([k, v]) => [k, quoted(v, k)])) } } : {}),
  });
  return { type: 'object', ...extra, properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, quoted(v, k)])) };
}

function diffOf(a: SchemaNode, b: SchemaNode, partsA: Parts = {}, partsB: Parts = {}): Change[] {
  return [...diffContracts(contractOf('test/Op@a', a, partsA), contractOf('test/Op@b', b, partsB)).changes];
}

/** The changes as `rule kind from → to client/implementation`, for exact comparison. */
const brief = (changes: readonly Change[]): string[] => changes.map((c) => `${c.rule} ${c.kind} ${JSON.stringify(c.from)} → ${JSON.stringify(c.to)} ${c.impact.client}/${c.impact.implementation}`);

const text = { type: 'string' } as const;
const int = { type: 'integer' } as const;

describe('parameters', () => {
  it('reports the topmost parameter only one side has, top level and nested, added as widened and removed as narrowed', () => {
    const a = schemaOf('a', { Name: text, Gone: text, Disk: { type: 'array', items: { type: 'object', properties: { Size: int } } } });
    const b = schemaOf('b', {
      Name: text,
      Disk: { type: 'array', items: { type: 'object', properties: { Size: int, Part: { type: 'array', items: { type: 'object', properties: { Device: text } } } } } },
      Tag: { type: 'array', items: { type: 'object', properties: { Key: text } } },
    });
    const changes = diffOf(a, b);
    expect(brief(changes.filter((c) => c.kind.startsWith('parameter-')))).toEqual([
      'Disk.Part parameter-added null → "array" compatible/breaking',
      'Tag parameter-added null → "array" compatible/breaking',
      'Gone parameter-removed "string" → null breaking/compatible',
    ]);
    expect(changes.find((c) => c.rule === 'Tag')?.source).toEqual({ from: [], to: said('001', 'Tag in b') });
    expect(changes.find((c) => c.rule === 'Gone')?.source).toEqual({ from: said('000', 'Gone in a'), to: [] });
  });

  it('grades the rules of a new parameter none (the parameter carries the impact), a requirement of it as narrowed', () => {
    const a = schemaOf('a', { Name: text });
    const b = schemaOf('b', { Name: text, Frequency: { type: 'integer', minimum: 1, maximum: 168 } }, { required: ['Frequency'] });
    expect(brief(diffOf(a, b))).toEqual([
      'Frequency parameter-added null → "integer" compatible/breaking',
      'Frequency.required optional-to-required null → "required" breaking/compatible',
      'Frequency.type type-added null → "integer" none/none',
      'Frequency.minimum range-added null → 1 none/none',
      'Frequency.maximum range-added null → 168 none/none',
    ]);
    // The other way round the requirement goes with its parameter.
    expect(brief(diffOf(b, a)).filter((c) => c.startsWith('Frequency.required'))).toEqual(['Frequency.required required-to-optional "required" → null none/none']);
  });

  it('reports a type change that no type rule states (strings, objects and lists on the RPC wire)', () => {
    expect(brief(diffOf(schemaOf('a', { Tags: text }), schemaOf('b', { Tags: { type: 'array' } })))).toEqual(['Tags type-changed "string" → "array" breaking/breaking']);
  });
});

describe('presence', () => {
  const a = schemaOf('a', { Size: int, Mode: int, Name: text }, { required: ['Size'] });

  it('required → optional widens, optional → required narrows, with the quotes of both editions', () => {
    const b = schemaOf('b', { Size: int, Mode: int, Name: text }, { required: ['Name'] });
    const changes = diffOf(a, b);
    expect(brief(changes)).toEqual(['Name.required optional-to-required "optional" → "required" breaking/compatible', 'Size.required required-to-optional "required" → "optional" compatible/breaking']);
    // The edition without the rule is quoted where it documents the parameter.
    expect(changes[1]?.source).toEqual({ from: said('000', 'Size in a'), to: said('001', 'Size in b') });
  });

  it('a conditional requirement added narrows, unless the other side requires the parameter outright or its condition is a new parameter', () => {
    const b = schemaOf('b', { Size: int, Mode: int, Name: text, RunOnce: { type: 'boolean' } }, {
      requiredWhen: [
        { property: 'Size', when: { property: 'Mode', equals: 2 }, 'x-source': said('001', 'Size when Mode=2') },
        { property: 'Name', when: { property: 'Mode', equals: 2 }, 'x-source': said('001', 'Name when Mode=2') },
        { property: 'Name', when: { property: 'RunOnce', equals: false } },
      ],
    });
    const changes = diffOf(a, b).filter((c) => c.kind.startsWith('conditional'));
    expect(brief(changes)).toEqual([
      'Size.requiredWhen.Mode conditional-added null → "required when Mode = 2" none/none',
      'Name.requiredWhen.Mode conditional-added null → "required when Mode = 2" breaking/compatible',
      'Name.requiredWhen.RunOnce conditional-added null → "required when RunOnce = false" none/none',
    ]);
    expect(changes[1]?.source).toEqual({ from: said('000', 'Name in a'), to: said('001', 'Name when Mode=2') });
    expect(brief(diffOf(b, a)).filter((c) => c.includes('conditional'))).toEqual([
      'Size.requiredWhen.Mode conditional-removed "required when Mode = 2" → null none/none',
      'Name.requiredWhen.Mode conditional-removed "required when Mode = 2" → null compatible/breaking',
      'Name.requiredWhen.RunOnce conditional-removed "required when RunOnce = false" → null none/none',
    ]);
  });

  it('a changed condition: another value breaks both sides, a condition on presence instead of a value narrows', () => {
    const on = (when: unknown) => schemaOf('a', { Image: text, Type: text }, { requiredWhen: [{ property: 'Image', ...(when as object) }] });
    expect(brief(diffOf(on({ when: { property: 'Type', equals: 'image' } }), on({ when: { property: 'Type', equals: 'Image' } })))).toEqual([
      'Image.requiredWhen.Type conditional-changed "required when Type = \\"image\\"" → "required when Type = \\"Image\\"" breaking/breaking',
    ]);
    expect(brief(diffOf(on({ when: { property: 'Type', equals: 'x' } }), on({ present: 'Type' })))).toEqual([
      'Image.requiredWhen.Type conditional-changed "required when Type = \\"x\\"" → "required when Type is given" breaking/compatible',
    ]);
  });
});

describe('limits: one change per rule', () => {
  it('a maximum raised widens and the unchanged minimum is not reported (SystemDiskSize 20–500 → 20–2048)', () => {
    const changes = diffOf(schemaOf('a', { SystemDiskSize: { type: 'integer', minimum: 20, maximum: 500 } }), schemaOf('b', { SystemDiskSize: { type: 'integer', minimum: 20, maximum: 2048 } }));
    expect(brief(changes)).toEqual(['SystemDiskSize.maximum range-changed 500 → 2048 compatible/breaking']);
    expect(changes[0]?.source).toEqual({ from: said('000', 'SystemDiskSize in a'), to: said('001', 'SystemDiskSize in b') });
  });

  it('grades each bound by its direction: a minimum raised or a maximum lowered narrows', () => {
    const a = schemaOf('a', { N: { type: 'integer', minimum: 1, maximum: 10 }, S: { type: 'string', minLength: 2, maxLength: 128 }, L: { type: 'array', minItems: 1, maxItems: 16 } });
    const b = schemaOf('b', { N: { type: 'integer', minimum: 2, maximum: 9 }, S: { type: 'string', minLength: 1, maxLength: 256 }, L: { type: 'array', minItems: 2, maxItems: 20 } });
    expect(brief(diffOf(a, b))).toEqual([
      'N.minimum range-changed 1 → 2 breaking/compatible',
      'N.maximum range-changed 10 → 9 breaking/compatible',
      'S.minLength length-changed 2 → 1 compatible/breaking',
      'S.maxLength length-changed 128 → 256 compatible/breaking',
      'L.minItems count-changed 1 → 2 breaking/compatible',
      'L.maxItems count-changed 16 → 20 compatible/breaking',
    ]);
  });

  it('a limit on a parameter both have: added narrows, removed widens', () => {
    const a = schemaOf('a', { ClientToken: text, Description: { type: 'string', maxLength: 10 } });
    const b = schemaOf('b', { ClientToken: { type: 'string', maxLength: 64 }, Description: text });
    expect(brief(diffOf(a, b))).toEqual(['ClientToken.maxLength length-added null → 64 breaking/compatible', 'Description.maxLength length-removed 10 → null compatible/breaking']);
  });
});

describe('enums', () => {
  it('values added widen, removed narrow, and a value whose case changed breaks both (image → Image)', () => {
    const changes = diffOf(schemaOf('a', { TargetType: { type: 'string', enum: ['image', 'Snapshot'] } }), schemaOf('b', { TargetType: { type: 'string', enum: ['Image', 'ContainerImage', 'TargetInstance'] } }));
    expect(brief(changes)).toEqual([
      'TargetType.enum enum-value-recased "image" → "Image" breaking/breaking',
      'TargetType.enum enum-values-added null → ["ContainerImage","TargetInstance"] compatible/breaking',
      'TargetType.enum enum-values-removed ["Snapshot"] → null breaking/compatible',
    ]);
    for (const change of changes) expect(change.source).toEqual({ from: said('000', 'TargetType in a'), to: said('001', 'TargetType in b') });
  });

  it('pairs an enum with its case-blind variant: matching in any case widens', () => {
    expect(brief(diffOf(schemaOf('a', { T: { type: 'string', enum: ['image'] } }), schemaOf('b', { T: { type: 'string', enumIgnoringCase: ['image'] } })))).toEqual([
      'T.enumIgnoringCase enum-changed "exact case" → "any case" compatible/breaking',
    ]);
  });

  it('an enum on a parameter both have: added narrows', () => {
    expect(brief(diffOf(schemaOf('a', { NetMode: int }), schemaOf('b', { NetMode: { type: 'integer', enum: [0, 2] } })))).toEqual(['NetMode.enum enum-added null → [0,2] breaking/compatible']);
  });
});

describe('patterns and character rules', () => {
  it('a changed pattern breaks both; first characters and forbidden prefixes grade by what they admit', () => {
    const a = schemaOf('a', { Name: { type: 'string', pattern: '^[a-z]*$', firstCharacter: 'letter', forbiddenPrefixes: ['http://'] }, Note: { type: 'string', pattern: '^[a-z]*$' } });
    const b = schemaOf('b', { Name: { type: 'string', pattern: '^[a-z0-9]*$', firstCharacter: 'letterOrChinese', forbiddenPrefixes: ['http://', 'acs:'] }, Note: text });
    expect(brief(diffOf(a, b))).toEqual([
      'Name.pattern pattern-changed "^[a-z]*$" → "^[a-z0-9]*$" breaking/breaking',
      'Name.firstCharacter first-character-changed "letter" → "letterOrChinese" compatible/breaking',
      'Name.forbiddenPrefixes forbidden-prefixes-changed ["http://"] → ["http://","acs:"] breaking/compatible',
      'Note.pattern pattern-removed "^[a-z]*$" → null compatible/breaking',
    ]);
    expect(brief(diffOf(b, a)).slice(1, 3)).toEqual([
      'Name.firstCharacter first-character-changed "letterOrChinese" → "letter" breaking/compatible',
      'Name.forbiddenPrefixes forbidden-prefixes-changed ["http://","acs:"] → ["http://"] compatible/breaking',
    ]);
  });
});

describe('formats and time windows', () => {
  const window = (w: Record<string, unknown>, fmt = 'utc-date-time-seconds') => ({ type: 'string', format: fmt, timeWindow: { anchor: 'now', after: 'PT0S', exclusiveAfter: true, notAfter: 'P30D', ...w } });

  it('reports only the bound that moved: a later latest time widens', () => {
    expect(brief(diffOf(schemaOf('a', { Start: window({}) }), schemaOf('b', { Start: window({ notAfter: 'P60D' }) })))).toEqual([
      'Start.timeWindow.notAfter time-window-changed "not later than now + P30D" → "not later than now + P60D" compatible/breaking',
    ]);
  });

  it('a later earliest time or an exclusive bound narrows, another anchor breaks both, another format breaks both', () => {
    expect(brief(diffOf(schemaOf('a', { T: window({ after: 'P1D' }) }), schemaOf('b', { T: window({ after: 'P7D' }) })))).toEqual([
      'T.timeWindow.after time-window-changed "later than now + P1D" → "later than now + P7D" breaking/compatible',
    ]);
    expect(brief(diffOf(schemaOf('a', { T: window({ exclusiveAfter: false }) }), schemaOf('b', { T: window({}) })))).toEqual([
      'T.timeWindow.after time-window-changed "at or after now + PT0S" → "later than now + PT0S" breaking/compatible',
    ]);
    expect(brief(diffOf(schemaOf('a', { T: window({}) }), schemaOf('b', { T: window({ anchor: 'creation' }) }))).map((c) => c.split(' ').at(-1))).toEqual(['breaking/breaking', 'breaking/breaking']);
    expect(brief(diffOf(schemaOf('a', { T: window({}) }), schemaOf('b', { T: window({}, 'date-time-space-seconds') })))).toEqual([
      'T.format format-changed "utc-date-time-seconds" → "date-time-space-seconds" breaking/breaking',
    ]);
  });

  it('a number where an integer was widens', () => {
    expect(brief(diffOf(schemaOf('a', { Size: int }), schemaOf('b', { Size: { type: 'number' } })))).toEqual(['Size.type type-changed "integer" → "number" compatible/breaking']);
  });
});

describe('stateful rules, errors and contradictions of contract.json', () => {
  const stateful = (id: string, fields: Partial<StatefulRule>, seed: Source['seed']): StatefulRule => ({ id, code: null, says: `${id} says`, source: [{ seed, quote: `${id} in ${seed}` }], ...fields });
  const schema = schemaOf('a', { Name: { type: 'string', maxLength: 10 }, Note: { type: 'string', maxLength: 10 } });

  it('a quota raised widens, an incomplete state added narrows, a rule added narrows and one removed widens', () => {
    const changes = diffOf(
      schema,
      schema,
      { stateful: [stateful('job-quota', { limit: 100, code: 'Quota' }, '000'), stateful('one-job', { incompleteStates: ['Ready', 'Running'] }, '000'), stateful('old', {}, '000'), stateful('coded', {}, '000')] },
      { stateful: [stateful('job-quota', { limit: 1000, code: 'Quota' }, '001'), stateful('one-job', { incompleteStates: ['Ready', 'Waiting', 'Running'] }, '001'), stateful('new', {}, '001'), stateful('coded', { code: 'Taken' }, '001')] },
    );
    expect(brief(changes)).toEqual([
      '(stateful) job-quota stateful-limit-changed 100 → 1000 compatible/breaking',
      '(stateful) one-job stateful-states-changed ["Ready","Running"] → ["Ready","Waiting","Running"] breaking/compatible',
      '(stateful) new stateful-added null → "new says" breaking/compatible',
      '(stateful) coded stateful-code-changed null → "Taken" breaking/breaking',
      '(stateful) old stateful-removed "old says" → null compatible/breaking',
    ]);
    expect(changes[0]?.source).toEqual({ from: said('000', 'job-quota in 000'), to: said('001', 'job-quota in 001') });
    expect(changes[2]?.source).toEqual({ from: [], to: said('001', 'new in 001') });
  });

  it('an error code added breaks clients, one removed breaks implementations, a new status breaks both, a new message neither', () => {
    const error = (code: string, fields: Partial<DocumentedError> = {}): DocumentedError => ({ status: 400, code, message: `${code} message`, class: 'state', seed: '000', ...fields });
    const changes = diffOf(
      schema,
      schema,
      { errors: [error('Kept'), error('Gone'), error('Moved'), error('Reworded')] },
      { errors: [error('Kept', { seed: '001' }), error('Moved', { status: 403, class: 'authorization', seed: '001' }), error('Reworded', { message: 'other words', seed: '001' }), error('New', { seed: '001' })] },
    );
    expect(brief(changes)).toEqual([
      '(error) Moved error-changed "400 state" → "403 authorization" breaking/breaking',
      '(error) Reworded error-message-changed "Reworded message" → "other words" none/none',
      '(error) New error-added null → "400 state" breaking/compatible',
      '(error) Gone error-removed "400 state" → null compatible/breaking',
    ]);
    expect(changes[1]?.source).toEqual({ from: said('000', 'Reworded message'), to: said('001', 'other words') });
  });

  it('contradictions: added with a reading that changes a rule narrows, without one changes nothing; a rule newly read two ways narrows', () => {
    const contradiction = (id: string, paths: string[], seed: Source['seed']): Contradiction => ({
      id,
      kind: 'within-edition',
      summary: id,
      readings: [
        { id: 'as-written', says: 'as written', source: [{ seed, quote: `${id} as written` }] },
        ...(paths.length > 0 ? [{ id: 'looser', says: 'looser', source: [{ seed, quote: `${id} looser` }] as StatefulRule['source'], patch: paths.map((path) => ({ op: 'remove' as const, path })) as NonNullable<Contradiction['readings'][number]['patch']> }] : []),
      ],
    });
    const changes = diffOf(
      schema,
      schema,
      { contradictions: [contradiction('length', ['/properties/Name/maxLength'], '000'), contradiction('gone', ['/properties/Note/maxLength'], '000')] },
      { contradictions: [contradiction('length', ['/properties/Name/maxLength', '/properties/Note/maxLength'], '001'), contradiction('checked', ['/properties/Note/maxLength'], '001'), contradiction('words', [], '001')] },
    );
    expect(brief(changes)).toEqual([
      '(contradiction) length contradiction-changed null → {"rules":["Note.maxLength"]} breaking/compatible',
      '(contradiction) checked contradiction-added null → {"readings":["as-written","looser"],"rules":["Note.maxLength"]} breaking/compatible',
      '(contradiction) words contradiction-added null → {"readings":["as-written"],"rules":[]} none/none',
      '(contradiction) gone contradiction-removed {"readings":["as-written","looser"],"rules":["Note.maxLength"]} → null compatible/breaking',
    ]);
    expect(changes[0]?.source).toEqual({ from: [...said('000', 'length as written'), ...said('000', 'length looser')], to: [...said('001', 'length as written'), ...said('001', 'length looser')] });
  });
});

describe('operations and editions', () => {
  it('refuses two contracts of different operations', () => {
    const schema = schemaOf('a', { Name: text });
    expect(operationOf('p/Op@2019')).toBe('p/Op');
    expect(operationOf('p/Op')).toBe('p/Op');
    expect(() => diffContracts(contractOf('p/Op@a', schema), contractOf('p/Other@a', schema))).toThrow(UsageError);
    expect(() => diffContracts(contractOf('p/Op@a', schema), contractOf('q/Op@a', schema))).toThrow(/not editions of one operation/);
    expect(diffContracts(contractOf('p/Op', schema), contractOf('p/Op@b', schema)).changes).toEqual([]);
  });

  it('finds no change between an edition and itself, for every contract of schemas/', () => {
    expect(apiIds.length).toBeGreaterThanOrEqual(4);
    for (const id of apiIds) expect(diffContracts(loadContract(id), loadContract(id)).changes, id).toEqual([]);
  });

  const older = loadContract('alibaba-smc/CreateReplicationJob@2019');
  const current = loadContract('alibaba-smc/CreateReplicationJob@current');

  it('2019 → current: the documented drift of SMC CreateReplicationJob', () => {
    const lines = brief(diffContracts(older, current).changes);
    expect(lines).toEqual(
      expect.arrayContaining([
        'SystemDiskSize.maximum range-changed 500 → 2048 compatible/breaking',
        'SystemDiskSize.required required-to-optional "required" → "optional" compatible/breaking',
        'TargetType.enum enum-value-recased "image" → "Image" breaking/breaking',
        'TargetType.enum enum-values-added null → ["ContainerImage","TargetInstance"] compatible/breaking',
        '(stateful) job-quota stateful-limit-changed 100 → 1000 compatible/breaking',
        '(stateful) one-incomplete-job-per-source stateful-states-changed ["Ready","Running","Stopped","InError","Expired"] → ["Ready","Running","Stopped","Waiting","InError","Expired"] breaking/compatible',
        'Tag parameter-added null → "array" compatible/breaking',
        'DataDisk.Part parameter-added null → "array" compatible/breaking',
        '(error) EntityNotExist.Role error-added null → "403 authorization" breaking/compatible',
        '(contradiction) image-target-required-params contradiction-changed null → {"rules":["SystemDiskSize.requiredWhen.TargetType"]} breaking/compatible',
      ]),
    );
    expect(lines.filter((l) => l.startsWith('SystemDiskSize.minimum'))).toEqual([]);
  });

  it('current → 2019 mirrors it: the same rules, clients and implementations swapped', () => {
    const forward = diffContracts(older, current).changes;
    const backward = diffContracts(current, older).changes;
    expect(new Set(backward.map((c) => c.rule))).toEqual(new Set(forward.map((c) => c.rule)));
    const count = (changes: readonly Change[], side: 'client' | 'implementation', effect: string) => changes.filter((c) => c.impact[side] === effect).length;
    for (const effect of ['breaking', 'compatible', 'none']) {
      expect(count(backward, 'client', effect), effect).toBe(count(forward, 'implementation', effect));
      expect(count(backward, 'implementation', effect), effect).toBe(count(forward, 'client', effect));
    }
  });
});

describe('rendering', () => {
  const changes: Change[] = [
    { rule: 'N.maximum', kind: 'range-changed', from: 500, to: 2048, impact: impacts.widened, source: { from: said('000', 'a'), to: said('001', 'b') } },
    { rule: 'P', kind: 'parameter-added', from: null, to: 'array', impact: impacts.widened, source: { from: [], to: said('001', 'c') } },
    { rule: 'S.pattern', kind: 'pattern-changed', from: '^(a|b)$', to: '^`c`$', impact: impacts.both, source: { from: [], to: [] } },
    { rule: '(error) X', kind: 'error-message-changed', from: 'old', to: 'new', impact: impacts.none, source: { from: [], to: [] } },
  ];
  const diff = { from: 'p/Op@a', to: 'p/Op@b', changes };

  it('text: a headline, then one line per change grouped by kind in the order of changeKinds', () => {
    const lines = renderText(diff).trimEnd().split('\n');
    expect(lines[0]).toBe('p/Op@a → p/Op@b: 4 changes, 1 breaking for clients, 3 for implementations');
    const headings = lines.filter((l) => /^[a-z-]+ \(\d+\)$/.test(l)).map((l) => l.split(' ')[0]);
    expect(headings).toEqual(['parameter-added', 'pattern-changed', 'range-changed', 'error-message-changed']);
    expect(lines).toContain('  N.maximum  500 → 2048  [client compatible, implementation breaking]');
    expect(lines).toContain('  P  — → array  [client compatible, implementation breaking]');
    expect(renderText({ ...diff, changes: [] })).toBe('p/Op@a → p/Op@b: no changes\n');
  });

  it('markdown: a table with six cells a row, pipes escaped inside code spans', () => {
    const lines = renderMarkdown(diff).trimEnd().split('\n');
    expect(lines.slice(2, 4)).toEqual(['| rule | change | from | to | client | implementation |', '|---|---|---|---|---|---|']);
    const rows = lines.slice(4);
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.split(/(?<!\\)\|/).slice(1, -1)).toHaveLength(6);
    expect(rows).toContain('| `S.pattern` | pattern-changed | `^(a\\|b)$` | `` ^`c`$ `` | **breaking** | **breaking** |');
    expect(rows).toContain('| `P` | parameter-added | — | `array` | compatible | **breaking** |');
  });

  it('json: from, to and the changes with rule, kind, from, to, impact, source', () => {
    const parsed = JSON.parse(renderJson(diff)) as { from: string; to: string; changes: Record<string, unknown>[] };
    expect(parsed.from).toBe('p/Op@a');
    expect(parsed.changes.map((c) => Object.keys(c))).toEqual(changes.map(() => ['rule', 'kind', 'from', 'to', 'impact', 'source']));
    expect(parsed.changes[1]).toMatchObject({ from: null, to: 'array', source: { from: [], to: [{ seed: '001', quote: 'c' }] } });
  });

  it('formats values: nothing as —, lists joined, objects as key: value', () => {
    expect([null, 3, ['a', ''], { readings: ['x', 'y'], rules: [] }].map(formatValue)).toEqual(['—', '3', 'a, ""', 'readings: x, y; rules: none']);
    expect(formatValue('x'.repeat(300))).toHaveLength(100);
  });

  it('fail-on: breaking counts a change breaking for either side; any counts every change', () => {
    const only = (c: Change) => ({ ...diff, changes: [c] });
    expect(failsOn(only(changes[0] as Change), 'breaking')).toBe(true); // implementations only
    expect(failsOn(only({ ...(changes[0] as Change), impact: impacts.narrowed }), 'breaking')).toBe(true); // clients only
    expect(failsOn(only(changes[3] as Change), 'breaking')).toBe(false);
    expect(failsOn(only(changes[3] as Change), 'any')).toBe(true);
    expect(failsOn({ ...diff, changes: [] }, 'any')).toBe(false);
  });
});
