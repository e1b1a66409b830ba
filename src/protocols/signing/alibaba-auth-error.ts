/**
 * The Alibaba gateway's authentication failures (reference A.4), shared by the
 * RPC v1 and ACS3 verifiers.
 *
 * @module
 */

/** Error codes an Alibaba signature check can end with. */
export type AlibabaAuthErrorCode =
  | 'MissingParameter'
  | 'IncompleteSignature'
  | 'SignatureDoesNotMatch'
  | 'InvalidAccessKeyId.NotFound'
  | 'InvalidTimeStamp.Expired'
  | 'InvalidTimeStamp.Format'
  | 'SignatureNonceUsed';

/**
 * HTTP status per code. Where the reference's sources disagree:
 * - `SignatureDoesNotMatch`: 400, not 403 — a real server response logged in
 *   aliyun-openapi-net-sdk#178 shows 400, and `IncompleteSignature` (the same
 *   failure in other gateways) is 400 too; 403 only appears in older generic
 *   doc tables.
 * - `InvalidAccessKeyId.NotFound`: 404, not 400 — two independent captured
 *   server responses show 404; 400 comes from product-specific doc pages.
 * - `InvalidTimeStamp.Format` is not confirmed anywhere; 400 like its siblings.
 */
export const ALIBABA_AUTH_HTTP_STATUS = {
  MissingParameter: 400,
  IncompleteSignature: 400,
  SignatureDoesNotMatch: 400,
  'InvalidAccessKeyId.NotFound': 404,
  'InvalidTimeStamp.Expired': 400,
  'InvalidTimeStamp.Format': 400,
  SignatureNonceUsed: 400,
} as const satisfies Record<AlibabaAuthErrorCode, number>;

/** A failed Alibaba signature check, ready to become a `{Code, Message}` error body. */
export interface AlibabaAuthFailure {
  readonly ok: false;
  readonly code: AlibabaAuthErrorCode;
  readonly httpStatus: (typeof ALIBABA_AUTH_HTTP_STATUS)[AlibabaAuthErrorCode];
  readonly message: string;
  /** The server's string to sign, when it got that far. */
  readonly stringToSign?: string;
  /** ACS3 only: the server's canonical request. */
  readonly canonicalRequest?: string;
}

/** Default allowed clock difference: the 15 minutes of the error-center text (the V2 doc says 31; see reference A.1). */
export const ALIBABA_DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;

/** Builds a failure with the gateway's message wording (reference A.4). */
export function alibabaAuthFailure(
  code: AlibabaAuthErrorCode,
  detail: { parameter?: string; stringToSign?: string; canonicalRequest?: string; message?: string } = {},
): AlibabaAuthFailure {
  const sts = detail.stringToSign;
  const message = detail.message ?? defaultMessage(code, detail.parameter ?? '', sts);
  return {
    ok: false,
    code,
    httpStatus: ALIBABA_AUTH_HTTP_STATUS[code],
    message,
    ...(sts === undefined ? {} : { stringToSign: sts }),
    ...(detail.canonicalRequest === undefined ? {} : { canonicalRequest: detail.canonicalRequest }),
  };
}

function defaultMessage(code: AlibabaAuthErrorCode, parameter: string, stringToSign: string | undefined): string {
  const echo = stringToSign === undefined ? '' : ` server string to sign is:${stringToSign}`;
  switch (code) {
    case 'MissingParameter':
      return `The input parameter "${parameter}" that is mandatory for processing this request is not supplied.`;
    case 'IncompleteSignature':
      return `The request signature does not conform to Aliyun standards.${echo}`;
    case 'SignatureDoesNotMatch':
      return `Specified signature is not matched with our calculation.${echo}`;
    case 'InvalidAccessKeyId.NotFound':
      return 'Specified access key is not found.';
    case 'InvalidTimeStamp.Expired':
      return 'Specified time stamp or date value is expired.';
    case 'InvalidTimeStamp.Format':
      return 'Specified time stamp or date value is not well formatted.';
    case 'SignatureNonceUsed':
      return 'Specified signature nonce was used already.';
  }
}
