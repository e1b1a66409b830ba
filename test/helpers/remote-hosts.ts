/**
 * A preload (`node --import`) for tests of the remote-host (safe) mode: names under `.conformance.test`
 * resolve to 127.0.0.1, so a run treats a loopback server as a remote endpoint while every byte stays
 * on this machine. Nothing else is resolved differently.
 */
import dns from 'node:dns';

type Lookup = typeof dns.lookup;
const original: Lookup = dns.lookup.bind(dns);

function patched(hostname: string, options: unknown, callback?: unknown): void {
  const done = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException | null, address: unknown, family?: number) => void;
  if (!hostname.endsWith('.conformance.test')) return void (original as (...args: unknown[]) => void)(hostname, options, callback);
  const all = typeof options === 'object' && options !== null && (options as { all?: boolean }).all === true;
  process.nextTick(() => (all ? done(null, [{ address: '127.0.0.1', family: 4 }]) : done(null, '127.0.0.1', 4)));
}

dns.lookup = patched as Lookup;
