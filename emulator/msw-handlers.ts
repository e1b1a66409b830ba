import { http, type HttpHandler } from 'msw';
import { apiIds } from '../src/contract/apis.ts';
import { loadContract, type Contract } from '../src/contract/load.ts';
import type { Emulator } from './emulator.ts';
import { protocolOf } from './front-ends/index.ts';

/** The vendors' own endpoints of the given contracts' operations, one pattern each (none for a vendor no front end speaks). */
function endpointsOf(contracts: readonly Contract[]): RegExp[] {
  const patterns = contracts.flatMap((contract) => {
    try {
      return protocolOf(contract).endpoints([contract]);
    } catch {
      return [];
    }
  });
  return [...new Map(patterns.map((p) => [p.source, p])).values()];
}

/**
 * The vendors' own endpoints of every operation in schemas/ (SMC's central and regional hosts,
 * reference A.1; DCS's regional hosts under `/v2/`), from each binding. Query strings are not part of
 * what msw matches.
 */
export const vendorEndpoints: readonly RegExp[] = endpointsOf(apiIds.map((api) => loadContract(api)));

/**
 * msw request handlers that answer from the emulator, for tests of SDK code (yours or ours) without a
 * server. With `baseUrl` (e.g. `https://smc.test`) every request under it goes to the emulator, which
 * routes it to the front end of its path; without it, requests to the vendors' real endpoints of the
 * emulator's operations do ({@link Emulator.endpoints}), so an SDK client needs no change of endpoint.
 */
export function createHandlers(emulator: Emulator, baseUrl?: string | readonly string[]): HttpHandler[] {
  const answer = ({ request }: { request: Request }) => emulator.handle(request);
  if (baseUrl === undefined) return [...new Map(emulator.endpoints.map((p) => [p.source, p])).values()].map((pattern) => http.all(pattern, answer));
  const bases = (typeof baseUrl === 'string' ? [baseUrl] : baseUrl).map((base) => base.replace(/\/+$/, ''));
  return bases.flatMap((base) => [http.all(`${base}/`, answer), http.all(`${base}/*`, answer)]);
}
