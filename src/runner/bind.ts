import type { RequestCase } from '../../generators/request-case.ts';
import type { AlibabaSmcTarget, HuaweiDcsTarget } from '../profile/load-profile.ts';
import { FixturePool } from './fixture-pool.ts';
import type { Target } from './target.ts';

type SmcSource = AlibabaSmcTarget['fixtures']['sources'][number];
type RedisInstance = HuaweiDcsTarget['fixtures']['redisInstances'][number];

/** A case made concrete for one target: fixture ids in place, and the lease to end once the case is done. */
export interface BoundCase {
  readonly request: Record<string, unknown>;
  /** Ends the fixture lease: `kept` when a created resource stays on the fixture (no cleanup, or cleanup failed). */
  readonly done: (kept: boolean) => void;
}

/** Binds cases to a target's fixtures; `undefined` with a reason when the fixtures cannot hold the case. */
export interface Binder {
  bind(c: RequestCase): Promise<BoundCase | { readonly skipped: string }>;
  /** Fixtures left for cases that create something. */
  readonly capacity: () => number;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Sets `object[key]` when the key is present and the case did not edit it (the edit is what the case tests). */
function rebind(object: Record<string, unknown>, key: string, pointer: string, edited: string | undefined, value: unknown): void {
  if (key in object && edited !== pointer && value !== undefined) object[key] = value;
}

let tokenCounter = 0;
/** Tells this run's tokens from an earlier run's, which an endpoint may still remember. */
const runMark = `${Date.now().toString(36)}${process.pid.toString(36)}`;

/**
 * A client token unique to this case and run, as long as the generated one (at least 12 characters):
 * cases share base requests, and a shared token would make the endpoint answer one case with another's job.
 */
export function uniqueToken(length: number): string {
  tokenCounter += 1;
  const wanted = Math.max(12, length);
  const unique = `${tokenCounter.toString(36)}-${runMark}`;
  return unique.length >= wanted ? unique.slice(0, wanted) : unique + 'x'.repeat(wanted - unique.length);
}

/**
 * Names that must be unique among live jobs (Name; ImageName in the current edition). Cases share
 * base requests, so a name in use by a live job is changed, keeping its length and first character.
 */
class LiveNames {
  readonly #live = new Set<string>();
  #counter = 0;

  claim(name: string): string {
    let candidate = name;
    while (this.#live.has(candidate)) {
      this.#counter += 1;
      const suffix = this.#counter.toString(36);
      const chars = [...name];
      candidate = chars.length > suffix.length ? chars.slice(0, chars.length - suffix.length).join('') + suffix : `${chars[0] ?? 'a'}${suffix}`.slice(0, Math.max(chars.length, 2));
    }
    this.#live.add(candidate);
    return candidate;
  }

  release(name: string): void {
    this.#live.delete(name);
  }
}

function smcBinder(config: AlibabaSmcTarget): Binder {
  const sources = new FixturePool<SmcSource>(config.fixtures.sources.filter((s) => s.state === 'Available'));
  const names = { Name: new LiveNames(), ImageName: new LiveNames() };
  const vpcs = config.fixtures.vpcs ?? [];
  return {
    capacity: () => sources.size,
    async bind(c) {
      const request = structuredClone(c.request) as Record<string, unknown>;
      const edited = c.anyValue ? undefined : c.pointer;
      rebind(request, 'RegionId', '/RegionId', edited, config.regionId);
      if (typeof request['ClientToken'] === 'string' && edited !== '/ClientToken') request['ClientToken'] = uniqueToken(request['ClientToken'].length);
      const vpc = vpcs.find((v) => v.vSwitchIds.length > 0) ?? vpcs[0];
      rebind(request, 'VSwitchId', '/VSwitchId', edited, vpc?.vSwitchIds[0]);
      rebind(request, 'VpcId', '/VpcId', edited, vpc?.vpcId);

      const claimed: [LiveNames, string][] = [];
      for (const key of ['Name', 'ImageName'] as const) {
        const value = request[key];
        if (typeof value !== 'string' || edited === `/${key}`) continue;
        const unique = names[key].claim(value);
        request[key] = unique;
        claimed.push([names[key], unique]);
      }
      const releaseNames = (kept: boolean) => {
        if (!kept) for (const [pool, name] of claimed) pool.release(name);
      };
      if (!('SourceId' in request) || edited === '/SourceId') return { request, done: releaseNames };
      const disks = Array.isArray(request['DataDisk']) ? (request['DataDisk'] as Record<string, unknown>[]) : [];
      const systemSize = [request['SystemDiskSize'], isObject(request['Disks']) && isObject(request['Disks']['System']) ? request['Disks']['System']['Size'] : undefined].filter(
        (v): v is number => typeof v === 'number',
      );
      const fixedIndexes = disks.flatMap((d, i) => (edited === `/DataDisk/${i}/Index` && typeof d['Index'] === 'number' ? [d['Index']] : []));
      // A source fits when every size exceeds its used space and it has a data disk for every entry.
      const fits = (source: SmcSource): boolean => {
        const available = source.dataDisks ?? [];
        return (
          systemSize.every((size) => size > source.systemDiskUsedGiB) &&
          available.length >= disks.length &&
          fixedIndexes.every((index) => available.some((d) => d.index === index)) &&
          disks.every((d) => typeof d['Size'] !== 'number' || available.some((a) => a.usedGiB < (d['Size'] as number)))
        );
      };
      const source = (await sources.acquire(fits)) ?? (c.kind === 'violation' ? await sources.acquire() : undefined);
      if (!source) {
        releaseNames(false);
        return { skipped: sources.size === 0 ? 'every Available source of the profile is used up' : 'no Available source of the profile has room for this request' };
      }
      request['SourceId'] = source.id;
      const free = (source.dataDisks ?? []).filter((d) => !fixedIndexes.includes(d.index)).sort((a, b) => a.usedGiB - b.usedGiB);
      disks.forEach((disk, i) => {
        if (edited === `/DataDisk/${i}/Index` || !('Index' in disk)) return;
        const size = typeof disk['Size'] === 'number' ? disk['Size'] : Infinity;
        const pick = free.findIndex((d) => d.usedGiB < size);
        const [chosen] = free.splice(pick >= 0 ? pick : 0, 1);
        if (chosen) disk['Index'] = chosen.index;
      });
      return {
        request,
        done: (kept) => {
          releaseNames(kept);
          if (kept) sources.consume(source);
          else sources.release(source);
        },
      };
    },
  };
}

function dcsBinder(config: HuaweiDcsTarget): Binder {
  const instances = new FixturePool<RedisInstance>(config.fixtures.redisInstances);
  const vpc = (config.fixtures.vpcs ?? []).find((v) => v.subnetIds.length > 0 && v.securityGroupIds.length > 0);
  return {
    capacity: () => instances.size,
    async bind(c) {
      const request = structuredClone(c.request) as Record<string, unknown>;
      const edited = c.anyValue ? undefined : c.pointer;
      rebind(request, 'vpc_id', '/vpc_id', edited, vpc?.vpcId);
      rebind(request, 'subnet_id', '/subnet_id', edited, vpc?.subnetIds[0]);
      rebind(request, 'security_group_id', '/security_group_id', edited, vpc?.securityGroupIds[0]);
      if ('vpc_id' in request && !vpc && c.kind === 'valid') return { skipped: 'the profile has no VPC with a subnet and a security group' };
      const target = request['target_instance'];
      if (!isObject(target) || !('id' in target) || edited === '/target_instance/id') return { request, done: () => undefined };
      const instance = (await instances.acquire()) ?? undefined;
      if (!instance) return { skipped: 'every Redis instance of the profile is used up' };
      target['id'] = instance.id;
      rebind(target, 'name', '/target_instance/name', edited, instance.name);
      return { request, done: (kept) => (kept ? instances.consume(instance) : instances.release(instance)) };
    },
  };
}

/** The binder of a target's fixtures. */
export function createBinder(target: Target): Binder {
  return target.vendor === 'alibaba' ? smcBinder(target.config) : dcsBinder(target.config);
}
