import type { ICruiseOptions, IForbiddenRuleType } from 'dependency-cruiser';

export interface TableRow {
  readonly folder: string;
  readonly everything: boolean;
  readonly allowed: readonly { readonly path: string; readonly typesOnly: boolean }[];
}
export function readTable(markdown: string): TableRow[];
export function rulesOf(rows: readonly TableRow[]): IForbiddenRuleType[];
declare const config: { readonly forbidden: IForbiddenRuleType[]; readonly options: ICruiseOptions };
export default config;
