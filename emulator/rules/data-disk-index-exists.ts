import { sourceOf } from './fixtures.ts';
import { refuse, type RulePlugin } from './rule.ts';

/** The request's DataDisk list (empty when it has none). */
export function dataDisks(request: Readonly<Record<string, unknown>>): readonly Readonly<Record<string, unknown>>[] {
  const disks = request['DataDisk'];
  return Array.isArray(disks) ? (disks as Record<string, unknown>[]) : [];
}

/** `data-disk-index-exists`: every DataDisk.N.Index names a data disk of the source server. */
export const dataDiskIndexExists: RulePlugin = {
  id: 'data-disk-index-exists',
  check: (call) => {
    const source = sourceOf(call);
    if (!source) return undefined;
    const position = dataDisks(call.request).findIndex((disk) => disk['Index'] !== undefined && !source.dataDisks?.some((d) => d.index === disk['Index']));
    return position < 0 ? undefined : refuse(call, { pointer: `/DataDisk/${position}/Index` });
  },
};
