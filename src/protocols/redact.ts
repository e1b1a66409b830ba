/** What replaces a secret. */
export const REDACTED = '[REDACTED]';

/** Headers whose whole value is a credential or a signature. */
const secretHeaders = new Set(['authorization', 'x-auth-token', 'x-acs-security-token', 'x-security-token', 'x-acs-bearer-token', 'proxy-authorization', 'cookie']);

const patterns: readonly [RegExp, string][] = [
  // Query or form parameters that carry a signature or a token (Signature=…, SecurityToken=…, BearerToken=…).
  [/\b(Signature|SecurityToken|BearerToken|AccessKeySecret)=[^&\s'"]*/g, `$1=${REDACTED}`],
  // Signatures inside Authorization values (ACS3 `Signature=hex`, Huawei `Signature=hex`).
  [/(Signature=)[0-9A-Za-z+/=%]+/g, `$1${REDACTED}`],
  // Header lines in curl commands or raw dumps.
  [/\b(authorization|x-auth-token|x-acs-security-token|x-security-token|x-acs-bearer-token)(\s*:\s*)[^'"\n]*/gi, `$1$2${REDACTED}`],
  // Any JSON field named password (DCS source_instance.password, target_instance.password), at any depth.
  [/("password"\s*:\s*)"(?:[^"\\]|\\.)*"/gi, `$1"${REDACTED}"`],
];

/** Removes signatures, tokens, passwords and the given literal secrets (plain and percent-encoded) from text. */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) result = result.split(form).join(REDACTED);
  }
  for (const [pattern, replacement] of patterns) result = result.replace(pattern, replacement);
  return result;
}

/** Redacts a header map: credential headers entirely, the others through {@link redactText}. */
export function redactHeaders(headers: Readonly<Record<string, string>>, secrets: readonly string[] = []): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, secretHeaders.has(name.toLowerCase()) ? REDACTED : redactText(value, secrets)]));
}
