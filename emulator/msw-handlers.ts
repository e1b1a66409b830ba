import { http, type HttpHandler } from 'msw';
import type { Emulator } from './emulator.ts';

/**
 * The vendors' own endpoints: SMC's central host (reference A.1) and DCS's regional hosts
 * (`dcs.<region>.myhuaweicloud.com`). Query strings are not part of what msw matches.
 */
export const vendorEndpoints: readonly RegExp[] = [/^https?:\/\/smc(\.[a-z0-9-]+)?\.aliyuncs\.com\/$/, /^https?:\/\/dcs\.[a-z0-9-]+\.myhuaweicloud\.com\/v2\/.*$/];

/**
 * msw request handlers that answer from the emulator, for tests of SDK code (yours or ours) without a
 * server. With `baseUrl` (e.g. `https://smc.test`) every request under it goes to the emulator, which
 * routes by path (SMC at `/`, DCS at `/v2/…`); without it, requests to the vendors' real endpoints do
 * ({@link vendorEndpoints}), so an SDK client needs no change of endpoint.
 */
export function createHandlers(emulator: Emulator, baseUrl?: string | readonly string[]): HttpHandler[] {
  const answer = ({ request }: { request: Request }) => emulator.handle(request);
  if (baseUrl === undefined) return vendorEndpoints.map((pattern) => http.all(pattern, answer));
  const bases = (typeof baseUrl === 'string' ? [baseUrl] : baseUrl).map((base) => base.replace(/\/+$/, ''));
  return bases.flatMap((base) => [http.all(`${base}/`, answer), http.all(`${base}/*`, answer)]);
}
