import { http, type HttpHandler } from 'msw';
import type { Emulator } from './emulator.ts';

/**
 * msw request handlers that answer every request to `baseUrl` from the emulator: for tests of SDK
 * code (yours or ours) without a server. `baseUrl` like `https://smc.aliyuncs.com`.
 */
export function createHandlers(emulator: Emulator, baseUrl: string): HttpHandler[] {
  const base = baseUrl.replace(/\/+$/, '');
  return [http.all(`${base}/*`, ({ request }) => emulator.handle(request)), http.all(`${base}/`, ({ request }) => emulator.handle(request))];
}
