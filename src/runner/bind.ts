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

/** Binds cases to a target's fixtures, or says why the fixtures cannot hold the case. */
export interface Binder {
  bind(c: RequestCase): Promise<BoundCase | { readonly skipped: string }>;
  /** Fixtures left for cases that create something. */
  readonly capacity: () => number;
  /** Pointer templates (`*` for any index) of the values binding takes from fixtures: changing one of them changes which resource a case refers to. */
  readonly references: readonly string[];
}

/** Whether a case changed a value that refers to a fixture (so a refusal for that resource's state is a refusal of the case's own value). */
export function editsReference(binder: Pick<Binder, 'references'>, c: Pick<RequestCase, 'pointer'>): boolean {
  const pointer = c.pointer?.replace(/\/\d+(?=\/|$)/g, '/*');
  return pointer !== undefined && binder.references.includes(pointer);
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
 * A token the case set itself, made unique to this case and run without changing what the case tests:
 * its length (past 12 characters) and its last characters stay, a unique prefix replaces the first ones.
 */
export function uniqueEditedToken(value: string): string {
  const chars = [...value];
  const prefix = uniqueToken(12);
  return chars.length > 12 ? prefix + chars.slice(12).join('') : prefix + value;
}

/**
 * Names that must be unique among live jobs (Name; ImageName in the current edition). Cases share
 * base requests, so a generated name in use by a live job is changed, keeping its length and first
 * character; a name the case set itself (it is what the case tests) waits until no live job has it.
 */
class LiveNames {
  readonly #live = new Set<string>();
  /** Names of jobs that stay on the target: taken for good. */
  readonly #kept = new Set<string>();
  readonly #waiting: (() => void)[] = [];
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

  /** Takes exactly `name`, waiting while another case holds it; false when a job that stays on the target has it. */
  async reserve(name: string): Promise<boolean> {
    for (;;) {
      if (this.#kept.has(name)) return false;
      if (!this.#live.has(name)) {
        this.#live.add(name);
        return true;
      }
      await new Promise<void>((resolve) => this.#waiting.push(resolve));
    }
  }

  /** Ends a claim: `kept` when the job holding the name stays on the target. */
  release(name: string, kept: boolean): void {
    if (kept) this.#kept.add(name);
    else this.#live.delete(name);
    for (const wake of this.#waiting.splice(0)) wake();
  }
}

type DataDisk = NonNullable<SmcSource['dataDisks']>[number];

/**
 * Source data disks for the request's data disks: each entry gets a disk of its own whose used space
 * is below the entry's size; entries whose Index the case changed keep it. Undefined when the source
 * has no such assignment. Sizes are nested thresholds, so serving the smallest sizes first never
 * blocks a larger one.
 */
function assignDisks(source: SmcSource, disks: readonly Record<string, unknown>[], fixed: ReadonlySet<number>, sizeMatters: (position: number) => boolean, partial = false): Map<number, DataDisk> | undefined {
  const fixedIndexes = new Set([...fixed].map((position) => disks[position]?.['Index']));
  const available = (source.dataDisks ?? []).filter((d) => !fixedIndexes.has(d.index));
  const wanted = disks
    .flatMap((disk, position) => ('Index' in disk && !fixed.has(position) ? [{ position, size: typeof disk['Size'] === 'number' && sizeMatters(position) ? disk['Size'] : Infinity }] : []))
    .sort((a, b) => a.size - b.size);
  const assigned = new Map<number, DataDisk>();
  for (const { position, size } of wanted) {
    const index = available.findIndex((d) => d.usedGiB < size);
    if (index < 0 && partial) continue;
    if (index < 0) return undefined;
    assigned.set(position, available.splice(index, 1)[0] as DataDisk);
  }
  return assigned;
}

function smcBinder(config: AlibabaSmcTarget): Binder {
  const sources = new FixturePool<SmcSource>(config.fixtures.sources.filter((s) => s.state === 'Available'));
  const names = { Name: new LiveNames(), ImageName: new LiveNames() };
  const vpcs = config.fixtures.vpcs ?? [];
  return {
    capacity: () => sources.size,
    references: ['/RegionId', '/SourceId', '/VSwitchId', '/VpcId', '/DataDisk/*/Index'],
    async bind(c) {
      const request = structuredClone(c.request) as Record<string, unknown>;
      const edited = c.anyValue ? undefined : c.pointer;
      rebind(request, 'RegionId', '/RegionId', edited, config.regionId);
      const token = request['ClientToken'];
      if (typeof token === 'string') request['ClientToken'] = edited === '/ClientToken' ? uniqueEditedToken(token) : uniqueToken(token.length);
      const vpc = vpcs.find((v) => v.vSwitchIds.length > 0) ?? vpcs[0];
      rebind(request, 'VSwitchId', '/VSwitchId', edited, vpc?.vSwitchIds[0]);
      rebind(request, 'VpcId', '/VpcId', edited, vpc?.vpcId);

      const claimed: [LiveNames, string][] = [];
      const releaseNames = (kept: boolean) => {
        for (const [pool, name] of claimed) pool.release(name, kept);
      };
      for (const key of ['Name', 'ImageName'] as const) {
        const value = request[key];
        if (typeof value !== 'string') continue;
        if (edited !== `/${key}`) {
          const unique = names[key].claim(value);
          request[key] = unique;
          claimed.push([names[key], unique]);
        } else if (await names[key].reserve(value)) claimed.push([names[key], value]);
        else {
          releaseNames(false);
          return { skipped: `a job that stays on the target already has the ${key} this case tests` };
        }
      }
      if (!('SourceId' in request) || edited === '/SourceId') return { request, done: releaseNames };
      const disks = Array.isArray(request['DataDisk']) ? (request['DataDisk'] as Record<string, unknown>[]) : [];
      const systemSizes: [string, unknown][] = [
        ['/SystemDiskSize', request['SystemDiskSize']],
        ['/Disks/System/Size', isObject(request['Disks']) && isObject(request['Disks']['System']) ? request['Disks']['System']['Size'] : undefined],
      ];
      const fixed = new Set(disks.flatMap((_, i) => (edited === `/DataDisk/${i}/Index` ? [i] : [])));
      // A source fits when it holds every fact the case's validity needs: sizes above the used space of their disks, a disk for every entry.
      // A violation case may break its own value's fact too (it is the same parameter); every other value must fit.
      const fitsSource = (source: SmcSource, strict: boolean): Map<number, DataDisk> | undefined => {
        const systemFits = systemSizes.every(([pointer, size]) => typeof size !== 'number' || (!strict && pointer === edited) || size > source.systemDiskUsedGiB);
        // An index the case set itself (at the edge of its range) must name a disk of the source whose used space is below the size.
        const fixedFit = [...fixed].every((position) => {
          const disk = disks[position] ?? {};
          const onSource = source.dataDisks?.find((d) => d.index === disk['Index']);
          return onSource !== undefined && !(typeof disk['Size'] === 'number' && disk['Size'] <= onSource.usedGiB);
        });
        if (!systemFits || (strict && !fixedFit)) return undefined;
        // A violation of the list's own count (more entries than any source has disks) keeps the entries no disk is left for.
        return assignDisks(source, disks, fixed, (position) => strict || edited !== `/DataDisk/${position}/Size`, !strict && edited === '/DataDisk');
      };
      const lenient = c.kind === 'violation';
      const source = (await sources.acquire((s) => fitsSource(s, true) !== undefined)) ?? (lenient ? await sources.acquire((s) => fitsSource(s, false) !== undefined) : undefined);
      if (!source) {
        releaseNames(false);
        return { skipped: sources.size === 0 ? 'every Available source of the profile is used up' : 'no Available source of the profile holds this request (disk sizes above their used space, a data disk for every entry)' };
      }
      request['SourceId'] = source.id;
      const assignment = fitsSource(source, true) ?? fitsSource(source, false) ?? new Map<number, DataDisk>();
      for (const [position, disk] of assignment) (disks[position] as Record<string, unknown>)['Index'] = disk.index;
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
    references: ['/target_instance/id', '/target_instance/name', '/vpc_id', '/subnet_id', '/security_group_id'],
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
