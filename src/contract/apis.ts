import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { schemasDir } from './schemas-dir.ts';

/**
 * An operation (and doc edition) under test, named by its folder: `<vendor-product>/<Operation>[@edition]`,
 * e.g. `alibaba-smc/CreateReplicationJob@current`. The first part names the profile's target.
 */
export type ApiId = string;

/** Every folder `<product>/<operation>` of `dir` that holds a contract.json, sorted: a new operation needs its folder only. */
export function discoverApis(dir: string = schemasDir): ApiId[] {
  const folders = (at: string) => readdirSync(at, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return folders(dir).flatMap((product) => folders(path.join(dir, product)).filter((operation) => existsSync(path.join(dir, product, operation, 'contract.json'))).map((operation) => `${product}/${operation}`));
}

/** The operations of this project's contracts (or of the folder MIGRATION_CONFORMANCE_SCHEMAS names), in listing order. */
export const apiIds: readonly ApiId[] = discoverApis();

/** Whether `value` names a known operation. */
export function isApiId(value: string): value is ApiId {
  return apiIds.includes(value);
}

/** The product (and profile target) an API belongs to: `alibaba-smc/CreateReplicationJob@current` → `alibaba-smc`. */
export function productOf(api: ApiId): string {
  return api.split('/')[0] as string;
}

/** The doc edition an API names, if any: `…@current` → `current`. */
export function editionOf(api: ApiId): string | undefined {
  return api.split('@')[1];
}

/** The operation an API id names, without its edition: `<product>/<Operation>@2019` → `<product>/<Operation>`. */
export function operationOf(api: ApiId): string {
  return api.replace(/@[^/@]*$/, '');
}

/** The known contracts of an API's operation (its doc editions, itself included), in listing order. */
export function editionsOf(api: ApiId): ApiId[] {
  return apiIds.filter((other) => operationOf(other) === operationOf(api));
}
