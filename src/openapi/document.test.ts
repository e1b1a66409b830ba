import { describe, expect, it } from 'vitest';
import { apiIds } from '../contract/apis.ts';
import { loadContract } from '../contract/load.ts';
import { UsageError } from '../errors/index.ts';
import { openApiDocument } from './document.ts';
import type { OperationObject } from './openapi-types.ts';
import { documentedCodes } from './responses.ts';
import type { JsonSchema } from './schema.ts';

// The contracts of each wire style, found by their binding rather than by name.
const contracts = apiIds.map(loadContract);
const rpc = contracts.find((c) => c.document.binding.style === 'rpc' && c.document.contradictions.some((x) => x.id === 'target-type-case'));
const rest = contracts.find((c) => c.document.binding.style === 'rest' && c.document.contradictions.some((x) => x.readings.some((r) => r.transform !== undefined)));

const operations = (document: ReturnType<typeof openApiDocument>): OperationObject[] => Object.values(document.paths).flatMap((route) => Object.values(route));

describe('the OpenAPI document of a contract', () => {
  it.each(contracts.map((c) => [c.id, c] as const))('%s: one route, the binding\'s; every operation with x-readings and x-stateful; every documented status answered', (_id, contract) => {
    const document = openApiDocument(contract);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual([contract.document.binding.path]);
    for (const operation of operations(document)) {
      expect(operation['x-readings']).toHaveLength(contract.document.contradictions.length);
      expect(operation['x-stateful']).toEqual(contract.document.stateful);
      for (const status of contract.document.documentedStatuses) expect(Object.keys(operation.responses)).toContain(String(status));
    }
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
  });

  it('follows the schema as written by default, and a chosen reading when asked', () => {
    const targetType = (readings?: Map<string, string>) => {
      const get = openApiDocument(rpc!, readings ? { readings } : {}).paths['/']?.['get'];
      return get?.parameters.find((p) => p.name === 'TargetType');
    };
    expect(targetType()?.schema['enum']).toBeDefined();
    const ignoringCase = targetType(new Map([['target-type-case', 'ignore-case']]));
    expect(ignoringCase?.schema['enum']).toBeUndefined();
    expect(ignoringCase?.schema).toMatchObject({ 'x-enumIgnoringCase': expect.any(Array), pattern: expect.stringMatching(/^\^\(\?:\[Ii\]/) });
    const readings = operations(openApiDocument(rpc!, { readings: new Map([['target-type-case', 'ignore-case']]) }))[0]?.['x-readings'] as { id: string; followed: string[] }[];
    expect(readings.find((r) => r.id === 'target-type-case')?.followed).toEqual(['ignore-case']);
    expect(readings.find((r) => r.id === 'image-target-required-params')?.followed).toEqual(['required']);
  });

  it('refuses a reading the contract does not have, and one that changes requests rather than the schema', () => {
    expect(() => openApiDocument(rpc!, { readings: new Map([['target-type-case', 'nope']]) })).toThrow(UsageError);
    const transforming = rest!.document.contradictions.find((c) => c.readings.some((r) => r.transform !== undefined));
    const reading = transforming?.readings.find((r) => r.transform !== undefined);
    expect(() => openApiDocument(rest!, { readings: new Map([[transforming!.id, reading!.id]]) })).toThrow(/changes requests/);
  });

  it('lists the codes of each documented status (the operation\'s own first) and the catalogue\'s other statuses under default', () => {
    const byStatus = documentedCodes(rpc!);
    const ownFirst = rpc!.document.errors.filter((e) => e.status === 400).map((e) => e.code);
    expect(byStatus.get(400)?.slice(0, ownFirst.length).map((c) => c.code)).toEqual(ownFirst);
    const post = openApiDocument(rpc!).paths['/']?.['post'];
    const undocumented = rpc!.globalErrors.errors.filter((e) => e.statuses.some((s) => !rpc!.document.documentedStatuses.includes(s))).map((e) => e.code);
    expect(undocumented.length).toBeGreaterThan(0);
    expect((post?.responses['default']?.['x-error-codes'] as { code: string }[]).map((c) => c.code)).toEqual(expect.arrayContaining(undocumented));
    expect(post?.responses['400']?.description).toContain(`\`${ownFirst[0]}\``);
  });

  it('REST: the path parameters from the binding, a profile reference in words, the request as the JSON body', () => {
    const document = openApiDocument(rest!);
    const binding = rest!.document.binding;
    const [operation] = operations(document);
    const [name, reference] = Object.entries(binding.style === 'rest' ? binding.pathParameters : {})[0] ?? [];
    expect(operation?.parameters).toEqual([expect.objectContaining({ name, in: 'path', required: true, description: expect.stringContaining(`\`${reference?.split(':')[1]}\``) })]);
    const body = operation?.requestBody?.content['application/json'];
    expect(body?.schema).toEqual({ $ref: `#/components/schemas/${rest!.document.operation}Request` });
    expect((document.components.schemas[`${rest!.document.operation}Request`] as JsonSchema)['required']).toEqual(rest!.requestSchema.required);
  });
});
