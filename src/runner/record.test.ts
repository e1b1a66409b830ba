import { describe, expect, it } from 'vitest';
import type { Exchange } from '../protocols/exchange.ts';
import type { WireRequest } from '../protocols/wire-request.ts';
import { recordCurl, recordedBodyLimit, recordRequest, recordResponse } from './record.ts';

const redact = (text: string) => text.replaceAll('s3cret', '***');
const request = (body: string): WireRequest => ({ method: 'POST', url: 'http://127.0.0.1:1/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

describe('recording exchanges for findings', () => {
  it('keeps a body within the bound whole, redacted', () => {
    const body = 'AccessKeyId=s3cret&Name=job';
    expect(recordRequest(request(body), redact).body).toBe('AccessKeyId=***&Name=job');
    expect(recordCurl(request(body), redact)).toBe("curl -sS -X POST 'http://127.0.0.1:1/' -H 'content-type: application/x-www-form-urlencoded' --data-binary 'AccessKeyId=***&Name=job'");
  });

  it('keeps the start of a 13 MiB body, says how long it was, and redacts before cutting', () => {
    const body = `Secret=s3cret&Description=${'a'.repeat(13 * 2 ** 20)}`;
    const recorded = recordRequest(request(body), redact).body as string;
    expect(recorded.startsWith('Secret=***&Description=aaa')).toBe(true);
    expect(recorded.length).toBeLessThan(recordedBodyLimit + 100);
    expect(recorded.endsWith(`… [${body.length - 's3cret'.length + 3} characters in all; the rest is left out of the report]`)).toBe(true);
    const curl = recordCurl(request(body), redact);
    expect(curl.length).toBeLessThan(recordedBodyLimit + 400);
    expect(curl).toContain("--data-binary 'Secret=***&Description=aaa");
    expect(curl).toMatch(/' # the body is cut to its first 65536 of \d+ characters; 'replay' sends the case whole$/);
  });

  it('never cuts between the halves of a surrogate pair', () => {
    const body = `${'a'.repeat(recordedBodyLimit - 1)}😀${'b'.repeat(10)}`;
    const recorded = recordRequest(request(body), (text) => text).body as string;
    expect(recorded.startsWith(`${'a'.repeat(recordedBodyLimit - 1)}…`)).toBe(true);
  });

  it('bounds an answer body the same way', () => {
    const exchange: Exchange = { request: request(''), response: { status: 200, headers: {}, body: 'x'.repeat(3 * recordedBodyLimit) }, durationMs: 1, attempts: 1 };
    const body = recordResponse(exchange, redact)?.body as string;
    expect(body.length).toBeLessThan(recordedBodyLimit + 100);
    expect(body).toContain(`[${3 * recordedBodyLimit} characters in all`);
  });
});
