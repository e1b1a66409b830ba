import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, createHandlers, startEmulatorServer, type EmulatorServer } from '../../emulator/index.ts';
import type { WireRequest } from '../../src/protocols/wire-request.ts';
import { errorCases, seedExamples, type ErrorCase } from '../helpers/emulator-cases.ts';

async function send(request: WireRequest): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(request.url, { method: request.method, headers: request.headers, ...(request.body === undefined ? {} : { body: request.body }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const codeOf = (body: Record<string, unknown>) => body['Code'] ?? body['error_code'];

/** Runs an error case on a fresh emulator reached at `base` (a server URL or an msw-intercepted origin). */
async function expectError(c: ErrorCase, base: string) {
  for (const before of c.before?.(base) ?? []) expect((await send(before)).status, `setup of ${c.name}`).toBe(200);
  const { status, body } = await send(c.call(base));
  expect([status, codeOf(body)], c.name).toEqual([c.status, c.code]);
}

describe('the emulator over node:http', () => {
  const servers: EmulatorServer[] = [];
  afterAll(async () => Promise.all(servers.map((s) => s.close())));
  const start = async (options: Parameters<typeof createEmulator>[0] = {}) => {
    const server = await startEmulatorServer(createEmulator(options));
    servers.push(server);
    return server.url;
  };

  it.each(seedExamples('http://placeholder'))("accepts the $name example request", async ({ name }) => {
    const base = await start({ edition: name === 'seed 000' ? '2019' : 'current' });
    const example = seedExamples(base).find((e) => e.name === name)!;
    const { status, body } = await send(example.request);
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it.each(errorCases)('answers $code for: $name', async (c) => {
    await expectError(c, await start({ ...(c.edition ? { edition: c.edition } : {}), ...(c.quota ? { quota: c.quota } : {}) }));
  });
});

describe('the emulator through msw handlers', () => {
  const origin = 'https://smc-and-dcs.emulator.test';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it.each(errorCases)('answers $code for: $name', async (c) => {
    server.use(...createHandlers(createEmulator({ ...(c.edition ? { edition: c.edition } : {}), ...(c.quota ? { quota: c.quota } : {}) }), origin));
    await expectError(c, origin);
  });
});
