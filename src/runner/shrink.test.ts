import { describe, expect, it } from 'vitest';
import type { SchemaNode } from '../contract/schema-node.ts';
import { shrinkRequest } from './shrink.ts';

const schema: SchemaNode = {
  type: 'object',
  required: ['Region', 'Size'],
  properties: {
    Region: { type: 'string' },
    Size: { type: 'integer', minimum: 20, maximum: 2048 },
    Name: { type: 'string', minLength: 2 },
    Count: { type: 'integer', minimum: 1, maximum: 100 },
    Tags: { type: 'array', items: { type: 'object', required: ['Key'], properties: { Key: { type: 'string' }, Value: { type: 'string' } } } },
  },
};
const big = { Region: 'cn-hangzhou', Size: 2049, Name: 'a-rather-long-name', Count: 77, Tags: [{ Key: 'k1', Value: 'v1' }, { Key: 'k2', Value: 'v2' }, { Key: 'k3' }] };

describe('shrinkRequest', () => {
  it('drops everything not required at once when the failure does not need it, then shortens what is left', async () => {
    const sent: Record<string, unknown>[] = [];
    const result = await shrinkRequest({ request: big, schema, keep: ['/Size'], sameCase: () => true, stillFails: async (r) => (sent.push(r), r['Size'] === 2049), maxRequests: 40 });
    expect(sent[0]).toEqual({ Region: 'cn-hangzhou', Size: 2049 });
    expect(result.request).toEqual({ Region: 'c', Size: 2049 });
    expect(result.requests).toBe(2);
  });

  it('keeps what the failure needs and shortens the rest step by step: lists, strings, numbers to their limits', async () => {
    // Fails while a tag with Key k3 is present and Count is there; everything else may go.
    const fails = async (r: Record<string, unknown>) => Array.isArray(r['Tags']) && (r['Tags'] as { Key?: string }[]).some((t) => t.Key === 'k3') && typeof r['Count'] === 'number';
    const result = await shrinkRequest({ request: big, schema, keep: ['/Size'], sameCase: () => true, stillFails: fails, maxRequests: 40 });
    expect(result.request).toEqual({ Region: 'c', Size: 2049, Count: 1, Tags: [{ Key: 'k3' }] });
    expect(result.requests).toBeLessThanOrEqual(40);
  });

  it('sends nothing for a candidate that is no longer the same case', async () => {
    let sent = 0;
    const result = await shrinkRequest({ request: big, schema, keep: [], sameCase: (r) => 'Name' in r, stillFails: async () => ((sent += 1), true), maxRequests: 40 });
    expect(result.request['Name']).toBeDefined();
    expect(sent).toBe(result.requests);
  });

  it('stops at the request budget', async () => {
    const result = await shrinkRequest({ request: big, schema, keep: [], sameCase: () => true, stillFails: async () => false, maxRequests: 3 });
    expect(result.requests).toBe(3);
    expect(result.request).toEqual(big);
  });
});
