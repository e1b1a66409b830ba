import { dataDisks } from './data-disk-index-exists.ts';
import { sourceOf } from './fixtures.ts';
import { numeric, refuse, type RulePlugin } from './rule.ts';

/**
 * `disk-size-above-used`: DataDisk.N.Size above the used space of the source's data disk with that
 * Index, then SystemDiskSize and Disks.System.Size above the system disk's (no code is documented:
 * the invalid-parameter one, naming the size).
 */
export const diskSizeAboveUsed: RulePlugin = {
  id: 'disk-size-above-used',
  check: (call) => {
    const source = sourceOf(call);
    if (!source) return undefined;
    for (const [position, disk] of dataDisks(call.request).entries()) {
      const onSource = source.dataDisks?.find((d) => d.index === disk['Index']);
      const size = numeric(disk['Size']);
      if (onSource && size !== undefined && size <= onSource.usedGiB) {
        return refuse(call, { pointer: `/DataDisk/${position}/Size`, detail: `It must be greater than the ${onSource.usedGiB} GiB used on source data disk ${onSource.index}.` });
      }
    }
    const disks = call.request['Disks'] as { System?: { Size?: unknown } } | undefined;
    const systemSizes: [string, number | undefined][] = [
      ['/SystemDiskSize', numeric(call.request['SystemDiskSize'])],
      ['/Disks/System/Size', numeric(disks?.System?.Size)],
    ];
    for (const [pointer, size] of systemSizes) {
      if (size !== undefined && size <= source.systemDiskUsedGiB) return refuse(call, { pointer, detail: `It must be greater than the ${source.systemDiskUsedGiB} GiB used on the source system disk.` });
    }
    return undefined;
  },
};
