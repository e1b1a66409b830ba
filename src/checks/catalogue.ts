import type { Contract } from '../contract/load.ts';
import type { ErrorClass } from '../generated/contract-document.ts';

/** A code the documents know, with the statuses they give it, its class and where it is documented. */
export interface KnownCode {
  readonly code: string;
  readonly statuses: readonly number[];
  readonly class: ErrorClass;
  readonly from: 'edition' | 'global';
  /** Issued by the API gateway, in the gateway's own code format. */
  readonly gateway: boolean;
}

const cache = new WeakMap<Contract, ReadonlyMap<string, KnownCode>>();

/** The edition's error codes and the vendor's global ones, by code (the edition wins where both list one). */
export function knownCodes(contract: Contract): ReadonlyMap<string, KnownCode> {
  let codes = cache.get(contract);
  if (!codes) {
    const map = new Map<string, KnownCode>();
    for (const e of contract.globalErrors.errors) map.set(e.code, { code: e.code, statuses: e.statuses, class: e.class, from: 'global', gateway: e.gateway === true });
    for (const e of contract.document.errors) map.set(e.code, { code: e.code, statuses: [e.status], class: e.class, from: 'edition', gateway: false });
    codes = map;
    cache.set(contract, codes);
  }
  return codes;
}

/** Every status the documents name for this edition: its own table and its catalogue codes. */
export function documentedStatuses(contract: Contract): ReadonlySet<number> {
  return new Set([...contract.document.documentedStatuses, ...[...knownCodes(contract).values()].flatMap((c) => c.statuses)]);
}
