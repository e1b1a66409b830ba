import type { AlibabaSmcTarget } from '../../profile/load-profile.ts';
import type { Binder } from '../adapter.ts';
import { isObject, leaseEnd, LiveNames, rebind, uniqueEditedToken, uniqueToken } from '../binding.ts';
import { FixturePool } from '../fixture-pool.ts';

type SmcSource = AlibabaSmcTarget['fixtures']['sources'][number];
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

/**
 * The case's request copied as deep as the binder writes to it: the top level and the data disk
 * entries (their Index). The rest stays shared with the case, whose requests share structure with
 * their base: nothing here writes below these.
 */
function writableCopy(request: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...request };
  if (Array.isArray(copy['DataDisk'])) copy['DataDisk'] = (copy['DataDisk'] as unknown[]).map((disk) => (isObject(disk) ? { ...disk } : disk));
  return copy;
}

/**
 * Binds cases to an SMC target's fixtures: the region, an Available source leased to one case at a
 * time whose disks hold every size the case asks for, data disk indexes that exist, a VSwitch of its
 * VPC, a unique ClientToken, names unique among live jobs.
 */
export function createSmcBinder(config: AlibabaSmcTarget): Binder {
  const sources = new FixturePool<SmcSource>(config.fixtures.sources.filter((s) => s.state === 'Available'));
  const names = { Name: new LiveNames(), ImageName: new LiveNames() };
  const vpcs = config.fixtures.vpcs ?? [];
  return {
    capacity: () => sources.size,
    references: ['/RegionId', '/SourceId', '/VSwitchId', '/VpcId', '/DataDisk/*/Index'],
    async bind(c) {
      const request = writableCopy(c.request);
      const edited = c.anyValue ? undefined : c.pointer;
      rebind(request, 'RegionId', '/RegionId', edited, config.regionId);
      const token = request['ClientToken'];
      if (typeof token === 'string') request['ClientToken'] = edited === '/ClientToken' ? uniqueEditedToken(token) : uniqueToken(token.length);
      const vpc = vpcs.find((v) => v.vSwitchIds.length > 0) ?? vpcs[0];
      rebind(request, 'VSwitchId', '/VSwitchId', edited, vpc?.vSwitchIds[0]);
      rebind(request, 'VpcId', '/VpcId', edited, vpc?.vpcId);

      const claimed: [LiveNames, string][] = [];
      const releaseNames = (created: boolean) => {
        for (const [pool, name] of claimed) pool.release(name, created);
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
          return { skipped: `a job of this run had the ${key} this case tests (it stays on the target, or was deleted, and the documents do not say when a deleted job's ${key} is free again)` };
        }
      }
      if (!('SourceId' in request) || edited === '/SourceId') return { request, done: ({ created }) => releaseNames(created) };
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
      return { request, done: leaseEnd(sources, source, releaseNames) };
    },
  };
}

