import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, createHandlers, type EmulatorOptions } from '../../emulator/index.ts';
import { loadContract } from '../../src/contract/load.ts';
import { apiIds } from '../../src/contract/apis.ts';
import { codeOf, errorCases, seedExamples, send, signedProfile, untriggerableCodes, type ErrorCase } from '../helpers/emulator-cases.ts';
import { startEmulator } from '../helpers/start-emulator.ts';

const optionsOf = (c: ErrorCase): EmulatorOptions => ({
  ...(c.edition ? { edition: c.edition } : {}),
  ...(c.quota ? { quota: c.quota } : {}),
  ...(c.signed ? { profile: signedProfile } : {}),
});

/** Runs an error case on a fresh emulator reached at `base` (a server URL or an msw-intercepted origin). */
async function expectError(c: ErrorCase, base: string) {
  for (const before of c.before?.(base) ?? []) expect((await send(before)).status, `setup of ${c.name}`).toBe(200);
  const { status, body } = await send(c.call(base));
  expect([status, codeOf(body)], `${c.name}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([c.status, c.code]);
}

describe('the error table', () => {
  it('triggers every code the contracts document, except the ones no request can trigger', () => {
    for (const id of apiIds) {
      const contract = loadContract(id);
      const edition = contract.document.vendor === 'alibaba' ? contract.document.edition : undefined;
      const covered = new Set(errorCases.filter((c) => (edition ? (c.edition ?? 'current') === edition : true)).map((c) => c.code));
      const documented = [...contract.document.errors.map((e) => e.code), ...contract.document.stateful.flatMap((r) => (r.code ? [r.code] : []))];
      expect(documented.filter((code) => !covered.has(code) && !untriggerableCodes.includes(code)), id).toEqual([]);
    }
  });
});

describe('the emulator over node:http', () => {
  it.each(seedExamples('http://placeholder'))('accepts the $name example request', async ({ name, edition }) => {
    const { url } = await startEmulator({ edition });
    const example = seedExamples(url).find((e) => e.name === name)!;
    const { status, body } = await send(example.request);
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it.each(errorCases)('answers $code for: $name', async (c) => {
    await expectError(c, (await startEmulator(optionsOf(c))).url);
  });
});

describe('the emulator through msw handlers', () => {
  const origin = 'https://smc-and-dcs.emulator.test';
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  it.each(seedExamples(origin))('accepts the $name example request', async ({ request, edition }) => {
    server.use(...createHandlers(createEmulator({ edition }), origin));
    const { status, body } = await send(request);
    expect(status, JSON.stringify(body)).toBe(200);
  });

  it.each(errorCases)('answers $code for: $name', async (c) => {
    server.use(...createHandlers(createEmulator(optionsOf(c)), origin));
    await expectError(c, origin);
  });
});
