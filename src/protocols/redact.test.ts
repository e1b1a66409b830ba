import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, redactText } from './redact.ts';

describe('redactText', () => {
  it('removes signatures, tokens, passwords and literal secrets', () => {
    const text = [
      "curl -X POST 'http://127.0.0.1/?AccessKeyId=AK1&Signature=abc%2Bdef%3D&SecurityToken=sts-token&Action=X'",
      "-H 'Authorization: ACS3-HMAC-SHA256 Credential=AK1,SignedHeaders=host,Signature=0123abcd'",
      "-H 'X-Auth-Token: MIIbigtoken'",
      '{"source_instance":{"addrs":"1.2.3.4:6379","password":"hunter2\\"x"},"nested":{"Password":"p"}}',
      'secret: s3cr3t/+= and encoded s3cr3t%2F%2B%3D',
    ].join('\n');
    const redacted = redactText(text, ['s3cr3t/+=']);
    for (const secret of ['abc%2Bdef', 'sts-token', '0123abcd', 'MIIbigtoken', 'hunter2', '"p"', 's3cr3t']) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('AccessKeyId=AK1');
    expect(redacted).toContain('"addrs":"1.2.3.4:6379"');
    expect(redacted).toContain(REDACTED);
  });

  it('blanks credential headers whole', () => {
    expect(redactHeaders({ Authorization: 'SDK-HMAC-SHA256 Access=AK, SignedHeaders=host, Signature=ff', 'x-sdk-date': '20260101T000000Z' })).toEqual({
      Authorization: REDACTED,
      'x-sdk-date': '20260101T000000Z',
    });
  });
});
