import { randomUUID } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import type { RpcBinding } from '../../src/generated/contract-document.ts';
import { parseRpcRequestParts } from '../../src/protocols/rpc-request.ts';
import { unflattenRpcParams } from '../../src/protocols/rpc-params.ts';
import { receiveRequest, splitTarget, type ReceivedRequest } from '../../src/protocols/signing/received-request.ts';
import { verifyAcs3 } from '../../src/protocols/signing/alibaba-acs3.ts';
import { verifyRpcV1 } from '../../src/protocols/signing/alibaba-rpc-v1.ts';
import { ALIBABA_DEFAULT_MAX_SKEW_MS } from '../../src/protocols/signing/alibaba-auth-error.ts';
import { runCleanup } from '../cleanup.ts';
import { coerceToSchema, withoutEmptyOptionals } from '../coerce.ts';
import { invalidParameter, missingParameter, serverError, type ErrorAnswer } from '../documented-error.ts';
import type { Operation } from '../operation.ts';
import { json } from '../responses.ts';
import { claimOf, escapeRegExp, firstOf, wireAnswer, type FrontEnd, type Protocol } from './front-end.ts';

/** Parameters of every RPC call that are not the operation's own (reference A.1). */
const commonParams = new Set(['Action', 'Version', 'Format', 'AccessKeyId', 'Signature', 'SignatureMethod', 'SignatureVersion', 'SignatureNonce', 'SignatureType', 'Timestamp', 'SecurityToken', 'BearerToken', 'RegionEndpoint']);

/** An AccessKey pair of a profile target. */
interface AccessKey {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** An RPC call as the endpoint understood it. */
interface RpcCall {
  readonly action: string;
  readonly version: string;
  /** The operation's own parameters, unflattened (strings; typing is the schema's job). */
  readonly params: Record<string, unknown>;
}

const shortKey = (key: string) => key.slice(0, 200);
const bindingOf = (operation: Operation): RpcBinding => operation.contract.document.binding as RpcBinding;

/** An Alibaba request id: an upper-case UUID, as in the documents' examples. */
const newRequestId = (): string => randomUUID().toUpperCase();

/** The Alibaba RPC error body (reference A.4); the emulator's detail follows the catalogue's message. */
function envelope(contract: Contract, answer: ErrorAnswer): Response {
  const requestId = newRequestId();
  const binding = contract.document.binding as RpcBinding;
  const product = contract.document.product.charAt(0).toUpperCase() + contract.document.product.slice(1);
  return json(answer.status, {
    RequestId: requestId,
    HostId: binding.host,
    Code: answer.code,
    Message: answer.detail === undefined ? answer.message : `${answer.message} ${answer.detail}`,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(answer.code)}&product=${product}&requestId=${requestId}`,
  });
}

/**
 * Reads an Alibaba RPC request: parameters from the query and a form body, the signature when a
 * target has credentials (signature 1.0 or ACS3-HMAC-SHA256, which carries Action and Version in
 * headers), then Action and Version. Returns the call, or the error answer.
 */
function readRpcCall(received: ReceivedRequest, contract: Contract, keys: readonly AccessKey[], seenNonce: (nonce: string) => boolean, now: Date): RpcCall | ErrorAnswer {
  const { query } = splitTarget(received.target);
  const parsed = parseRpcRequestParts({ query, contentType: received.headers.get('content-type'), body: received.body });
  const secretFor = (id: string) => keys.find((k) => k.accessKeyId === id)?.accessKeySecret;
  let action = received.headers.get('x-acs-action') ?? undefined;
  let version = received.headers.get('x-acs-version') ?? undefined;
  if (keys.length > 0) {
    const acs3 = received.headers.get('authorization')?.startsWith('ACS3-');
    const verified = acs3
      ? verifyAcs3({ request: received, secretFor, now, maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS, seenNonce })
      : verifyRpcV1({ method: received.method, params: parsed.params, secretFor, now, maxSkewMs: ALIBABA_DEFAULT_MAX_SKEW_MS, seenNonce });
    if (!verified.ok) return { status: verified.httpStatus, code: verified.code, message: verified.message };
    if ('action' in verified) ({ action, version } = verified);
  }
  const problem = parsed.problems[0];
  if (problem) return invalidParameter(contract, shortKey(problem.key), problem.message);
  const first = (name: string) => parsed.params.find(([key]) => key === name)?.[1];
  action = first('Action') ?? action;
  version = first('Version') ?? version;
  if (!action) return missingParameter(contract, 'Action');
  if (!version) return missingParameter(contract, 'Version');
  const business = unflattenRpcParams(parsed.params.filter(([key]) => !commonParams.has(key)));
  const broken = business.problems[0];
  if (broken) return invalidParameter(contract, shortKey(broken.key), broken.message);
  return { action, version, params: business.value as Record<string, unknown> };
}

const bodyLimit = 8 * 1024 * 1024;

/**
 * Alibaba Cloud RPC (reference A.1): `GET` or `POST` on the binding's path, parameters in the query
 * and an `application/x-www-form-urlencoded` body, the signature checked when a target has
 * credentials, then Version (`InvalidVersion` when no operation has it), then Action: an operation's
 * own (its parameters typed by its schema, empty optional ones left out) or the cleanup call of one
 * (`DeleteReplicationJob`, answered `{RequestId}`); any other Action, path or method is
 * `InvalidAction.NotFound`. Answers are JSON whatever `Format` says.
 */
export const alibabaRpc: Protocol = {
  bodyLimit,
  endpoints: (contracts) =>
    contracts.flatMap((contract) => {
      const binding = contract.document.binding;
      if (binding.style !== 'rpc') return [];
      const [service = '', ...domain] = binding.host.split('.');
      // The central host and the regional ones (`smc.cn-hangzhou.aliyuncs.com`).
      return [new RegExp(`^https?:\\/\\/${escapeRegExp(service)}(\\.[a-z0-9-]+)?\\.${escapeRegExp(domain.join('.'))}${escapeRegExp(binding.path)}$`)];
    }),
  create: (operations, settings): FrontEnd => {
    const fallback = firstOf(operations).contract;
    const served = operations.filter((o) => o.target);
    const keys = served.flatMap((o) => {
      const credentials = o.target?.credentials as AccessKey | undefined;
      return credentials ? [credentials] : [];
    });
    const nonces = new Set<string>();
    const seenNonce = (nonce: string): boolean => {
      if (nonces.has(nonce)) return true;
      nonces.add(nonce);
      return false;
    };
    const notFound = (contract: Contract) => envelope(contract, wireAnswer(contract, 'unknown-action'));
    const handle = async (request: Request): Promise<Response> => {
      const pathname = new URL(request.url).pathname;
      const onPath = served.filter((o) => bindingOf(o).path === pathname && (bindingOf(o).methods as string[]).includes(request.method));
      const [first] = onPath;
      if (!first) return envelope(fallback, wireAnswer(fallback, 'unknown-route'));
      const contract = first.contract;
      const received = await receiveRequest(request);
      if (received.body.byteLength > bodyLimit) return envelope(contract, invalidParameter(contract, 'body', `The request body is larger than ${bodyLimit} bytes.`));
      const call = readRpcCall(received, contract, keys, seenNonce, settings.clock.now());
      if ('code' in call) return envelope(contract, call);
      const ofVersion = onPath.filter((o) => bindingOf(o).version === call.version);
      if (ofVersion.length === 0) return envelope(contract, wireAnswer(contract, 'wrong-version'));
      const operation = ofVersion.find((o) => bindingOf(o).action === call.action);
      if (operation) {
        const schema = operation.contract.requestSchema;
        const refused = operation.checkPath({});
        // An empty optional parameter is one left out ("If you leave this parameter empty…", seed 001 ScheduledStartTime).
        const answer = refused ? { error: refused } : operation.call(coerceToSchema(withoutEmptyOptionals(call.params, schema), schema) as Record<string, unknown>);
        return 'error' in answer ? envelope(operation.contract, answer.error) : json(answer.status, answer.body);
      }
      const cleaned = ofVersion.filter((o) => bindingOf(o).cleanup.action === call.action);
      const [owner] = cleaned;
      if (!owner) return notFound(contract);
      const answer = runCleanup(cleaned, call.params);
      // An RPC answer without a documented body carries the request id alone.
      return 'error' in answer ? envelope(owner.contract, answer.error) : json(200, { RequestId: newRequestId() });
    };
    return {
      claim: (pathname) => claimOf([...new Set(operations.map((o) => bindingOf(o).path))], pathname),
      handle,
      failure: (message) => {
        const internal = serverError(fallback);
        return envelope(fallback, { ...internal, message: `${internal.message} ${message}` });
      },
      reset: () => nonces.clear(),
    };
  },
};
