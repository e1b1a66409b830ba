import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProfile } from '../../src/profile/load-profile.ts';
import { send } from '../../src/runner/transport.ts';
import { cliProcess } from '../helpers/cli.ts';

// A target behind TLS with a certificate of its own (an emulator, a staging gateway): the run names
// the certificate and how to trust it, and goes on once it is trusted.

const tls = fileURLToPath(new URL('../helpers/tls/', import.meta.url));
const certificate = path.join(tls, 'loopback.cert.pem');
let server: https.Server;
let endpoint = '';

beforeAll(async () => {
  server = https.createServer({ key: readFileSync(path.join(tls, 'loopback.key.pem')), cert: readFileSync(certificate) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ RequestId: 'C8B26B44-0189-443E-9816-D951F59623A9', Code: 'MissingParameter', Message: 'The input parameter "SourceId" that is mandatory for processing this request is not supplied.' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

async function profileFile(at = endpoint): Promise<string> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), 'mc-tls-')), 'profile.json');
  await writeFile(file, JSON.stringify({ targets: { 'alibaba-smc': { ...loadProfile().targets['alibaba-smc'], endpoint: at } } }));
  return file;
}

const small = ['--api', 'alibaba-smc/CreateReplicationJob@current', '--seed', '3', '--valid', '1', '--per-rule', '1'];

describe('a target behind TLS with its own certificate', () => {
  it('is a transport failure of kind tls, naming the code', async () => {
    const exchange = await send(() => ({ method: 'POST', url: `${endpoint}/`, headers: {}, body: '' }));
    expect('failure' in exchange && exchange.failure).toEqual({ kind: 'tls', message: 'its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); to trust a private CA, set NODE_EXTRA_CA_CERTS to its PEM file' });
  });

  it('stops the run at pre-flight with exit 3 and one line saying how to trust it', { timeout: 60_000 }, async () => {
    const result = await cliProcess(['run', '--profile', await profileFile(), ...small], {});
    expect(result.code, result.err).toBe(3);
    expect(result.err.trim().split('\n')).toEqual([
      `migration-conformance: cannot talk to ${endpoint} for alibaba-smc/CreateReplicationJob@current: its TLS certificate is not trusted (DEPTH_ZERO_SELF_SIGNED_CERT); to trust a private CA, set NODE_EXTRA_CA_CERTS to its PEM file`,
    ]);
  });

  it('stops with exit 3 and one line saying the scheme may be wrong when https:// points at a plain HTTP server', { timeout: 60_000 }, async () => {
    const plain = http.createServer((req, res) => res.end('{}'));
    await new Promise<void>((resolve) => plain.listen(0, '127.0.0.1', resolve));
    try {
      const result = await cliProcess(['run', '--profile', await profileFile(`https://127.0.0.1:${(plain.address() as AddressInfo).port}`), ...small], {});
      expect(result.code, result.err).toBe(3);
      const lines = result.err.trim().split('\n');
      expect(lines, result.err).toHaveLength(1);
      expect(lines[0]).toMatch(/: it does not speak TLS there \(EPROTO: wrong version number\); is the scheme http:\/\/ rather than https:\/\/\?$/);
    } finally {
      plain.close();
    }
  });

  it('runs past pre-flight once NODE_EXTRA_CA_CERTS trusts it', { timeout: 120_000 }, async () => {
    const result = await cliProcess(['run', '--profile', await profileFile(), ...small, '--report-dir', await mkdtemp(path.join(tmpdir(), 'mc-tls-reports-'))], { NODE_EXTRA_CA_CERTS: certificate });
    // This endpoint refuses everything with one code: never a pass, but an answer to every case.
    expect(result.code, result.err).toBe(1);
    expect(result.out).toMatch(/^FAILED: /m);
  });
});
