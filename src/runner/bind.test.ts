import { describe, expect, it } from 'vitest';
import type { RequestCase } from '../../generators/request-case.ts';
import { loadProfile } from '../profile/load-profile.ts';
import { createBinder } from './bind.ts';

const profile = loadProfile();
const smc = { vendor: 'alibaba' as const, config: profile.targets['alibaba-smc']! };
const valid = (request: Record<string, unknown>, pointer?: string): RequestCase => ({ kind: 'valid', label: 't', request, expected: { outcome: 'accept' }, ...(pointer ? { pointer } : {}) });

describe('createBinder (SMC)', () => {
  it('puts fixture ids in place: region, an Available source with room, existing disk indexes, a VSwitch of the VPC', async () => {
    const binder = createBinder(smc);
    const bound = await binder.bind(valid({ RegionId: 'x', SourceId: 'x', SystemDiskSize: 20, DataDisk: [{ Index: 9, Size: 20 }, { Index: 9, Size: 20 }], VpcId: 'v', VSwitchId: 'w' }));
    expect('request' in bound).toBe(true);
    if (!('request' in bound)) return;
    const sources = profile.targets['alibaba-smc']!.fixtures.sources;
    const source = sources.find((s) => s.id === bound.request['SourceId'])!;
    expect(source.state).toBe('Available');
    expect(source.systemDiskUsedGiB).toBeLessThan(20);
    const indexes = (bound.request['DataDisk'] as { Index: number }[]).map((d) => d.Index);
    expect(new Set(indexes).size).toBe(2);
    for (const index of indexes) expect(source.dataDisks?.some((d) => d.index === index && d.usedGiB < 20)).toBe(true);
    expect(bound.request['RegionId']).toBe('cn-hangzhou');
    const vpc = profile.targets['alibaba-smc']!.fixtures.vpcs!.find((v) => v.vpcId === bound.request['VpcId'])!;
    expect(vpc.vSwitchIds).toContain(bound.request['VSwitchId']);
    bound.done(false);
  });

  it('leaves the value under test alone and finds a source that has it', async () => {
    const bound = await createBinder(smc).bind(valid({ RegionId: 'r', SourceId: 's', DataDisk: [{ Index: 16, Size: 20 }] }, '/DataDisk/0/Index'));
    expect('request' in bound && (bound.request['DataDisk'] as { Index: number }[])[0]?.Index).toBe(16);
    expect('request' in bound && bound.request['SourceId']).toBe('s-bp1e2fsl57knvuug0004');
  });

  it('leases a source to one case at a time, and says when the fixtures are used up', async () => {
    const binder = createBinder(smc);
    const available = profile.targets['alibaba-smc']!.fixtures.sources.filter((s) => s.state === 'Available').length;
    const leases = await Promise.all(Array.from({ length: available }, () => binder.bind(valid({ RegionId: 'r', SourceId: 's' }))));
    const ids = leases.map((l) => ('request' in l ? l.request['SourceId'] : undefined));
    expect(new Set(ids).size).toBe(available);
    for (const lease of leases) if ('done' in lease) lease.done(true);
    expect(await binder.bind(valid({ RegionId: 'r', SourceId: 's' }))).toEqual({ skipped: 'every Available source of the profile is used up' });
  });
});

describe('uniqueToken', () => {
  it('never repeats, keeps the length asked for (at least 12)', async () => {
    const { uniqueToken } = await import('./bind.ts');
    const tokens = Array.from({ length: 5000 }, (_, i) => uniqueToken(i % 3 === 0 ? 64 : 5));
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(tokens[0]).toHaveLength(64);
    expect(tokens[1]).toHaveLength(12);
  });
});
