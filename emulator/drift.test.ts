import { describe, expect, it } from 'vitest';
import { loadProfile, type TargetProfile } from '../src/profile/load-profile.ts';
import { manySources, send, smc } from '../test/helpers/emulator-cases.ts';
import { startEmulator } from '../test/helpers/start-emulator.ts';
import { createEmulator, type EmulatorOptions } from './emulator.ts';

const base = loadProfile();
const smcTarget = base.targets['alibaba-smc']!;
// Sources with 1 GiB used, a fresh one per request: an accepted create keeps its source busy, and any size from 2 up is above the used space.
const profile: TargetProfile = { targets: { ...base.targets, 'alibaba-smc': { ...smcTarget, fixtures: { ...smcTarget.fixtures, sources: manySources('s-drift', 100) } } } };
let nextSource = 0;
const params = (more: Record<string, unknown>) => ({ RegionId: 'cn-hangzhou', SourceId: `s-drift${nextSource++}`, ...more });

/** A server with `moves`, and a create on it answered with the status and body. */
async function drifted(moves: Record<string, number>, options: EmulatorOptions = {}) {
  const server = await startEmulator({ profile, ...options, drift: new Map(Object.entries(moves)) });
  return { server, create: (more: Record<string, unknown>) => send(smc(server.url, params(more))) };
}

/** The documented answer to a value past a limit: the global invalid-parameter code naming the parameter, the moved limit as the detail. */
const refused = (parameter: string, detail: string) => ({ status: 400, body: { Code: 'InvalidParameter', Message: expect.stringMatching(new RegExp(`parameter "${parameter}" is not valid\\. .*${detail}`)) } });
const tags = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));

describe('an emulator told to drift (current edition)', () => {
  it('moves SystemDiskSize.maximum one up: 2049 accepted, 2050 refused; the documents’ emulator still refuses 2049', async () => {
    const { server, create } = await drifted({ 'SystemDiskSize.maximum': 2049 });
    expect(server.emulator.drift).toEqual(new Map([['SystemDiskSize.maximum', 2049]]));
    expect(await create({ SystemDiskSize: 2049 })).toMatchObject({ status: 200, body: { JobId: expect.stringMatching(/^j-/) } });
    expect(await create({ SystemDiskSize: 2050 })).toMatchObject(refused('SystemDiskSize', 'at most 2049 \\(got 2050\\)'));
    const documents = await startEmulator({ profile });
    expect(documents.emulator.drift.size).toBe(0);
    expect(await send(smc(documents.url, params({ SystemDiskSize: 2049 })))).toMatchObject(refused('SystemDiskSize', 'at most 2048'));
  });

  it('moves it far: 6144 accepted, 6145 refused', async () => {
    const { create } = await drifted({ 'SystemDiskSize.maximum': 6144 });
    expect((await create({ SystemDiskSize: 6144 })).status).toBe(200);
    expect(await create({ SystemDiskSize: 6145 })).toMatchObject(refused('SystemDiskSize', 'at most 6144'));
  });

  it('moves a length and a count: Name up to 200 characters, 25 tags', async () => {
    const { create } = await drifted({ 'Name.maxLength': 200, 'Tag.maxItems': 25 });
    expect((await create({ Name: `a${'b'.repeat(199)}`, Tag: tags(25) })).status).toBe(200);
    expect(await create({ Name: `c${'d'.repeat(200)}` })).toMatchObject(refused('Name', 'at most 200'));
    expect(await create({ Tag: tags(26) })).toMatchObject(refused('Tag', 'at most 25'));
  });

  it('moves a lower bound: SystemDiskSize 19 accepted, 18 refused; the stateful rules stay (19 is not above a source with 19 GiB used)', async () => {
    const { create, server } = await drifted({ 'SystemDiskSize.minimum': 19 });
    expect((await create({ SystemDiskSize: 19 })).status).toBe(200);
    expect(await create({ SystemDiskSize: 18 })).toMatchObject(refused('SystemDiskSize', 'at least 19'));
    const usual = await startEmulator({ drift: server.emulator.drift });
    // profiles/default.json: source 3 has 19 GiB used on its system disk.
    expect(await send(smc(usual.url, { RegionId: 'cn-hangzhou', SourceId: 's-bp1e2fsl57knvuug0003', SystemDiskSize: 19 }))).toMatchObject({ status: 400, body: { Code: 'InvalidParameter', Message: expect.not.stringContaining('at least') } });
  });
});

describe('an emulator told to drift (2019 edition)', () => {
  it('moves SystemDiskSize.maximum to 501: 501 accepted, 502 refused', async () => {
    const { server, create } = await drifted({ 'SystemDiskSize.maximum': 501 }, { edition: '2019' });
    expect(server.emulator.apis).toContain('alibaba-smc/CreateReplicationJob@2019');
    expect((await create({ SystemDiskSize: 501 })).status).toBe(200);
    expect(await create({ SystemDiskSize: 502 })).toMatchObject(refused('SystemDiskSize', 'at most 501'));
  });
});

describe('createEmulator drift', () => {
  it('throws for a rule no served operation has as a range, length, count or time-window rule, listing those it has', () => {
    const drift = (id: string, n = 3) => ({ drift: new Map([[id, n]]) });
    expect(() => createEmulator(drift('Nope.maximum'))).toThrow(/^createEmulator: no served operation has a range, length, count or time-window rule "Nope.maximum"; known: .*SystemDiskSize\.maximum.*ValidTime\.timeWindow\.notAfter/);
    expect(() => createEmulator(drift('SourceId.required'))).toThrow(/rule "SourceId.required"/);
    // The 2019 edition has no Tag; an operation the profile has no target for is not served.
    expect(() => createEmulator({ edition: '2019', ...drift('Tag.maxItems', 25) })).toThrow(/rule "Tag.maxItems"/);
    expect(() => createEmulator({ profile: { targets: { 'huawei-dcs': base.targets['huawei-dcs']! } }, ...drift('SystemDiskSize.maximum', 4096) })).toThrow(/rule "SystemDiskSize.maximum"/);
    expect(() => createEmulator(drift('Name.maxLength', -1))).toThrow(/^createEmulator: alibaba-smc\/CreateReplicationJob@current: Name.maxLength needs a non-negative integer/);
  });
});
