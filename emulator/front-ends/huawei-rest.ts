import { randomUUID } from 'node:crypto';
import type { Contract } from '../../src/contract/load.ts';
import type { RestBinding } from '../../src/generated/contract-document.ts';
import { receiveRequest } from '../../src/protocols/signing/received-request.ts';
import { verifyHuawei } from '../../src/protocols/signing/huawei-sdk-hmac-sha256.ts';
import { runCleanup } from '../cleanup.ts';
import { cataloguedError, serverError, type ErrorAnswer } from '../documented-error.ts';
import type { Operation } from '../operation.ts';
import { json } from '../responses.ts';
import type { EmulatorSettings } from '../settings.ts';
import { claimOf, escapeRegExp, firstOf, literalPrefix, wireAnswer, wireFault, type FrontEnd, type Protocol } from './front-end.ts';

/** The DCS v2 error body (seeds 003/004); the request id travels in `X-Request-Id` (reference B.1). Messages are the catalogue's, without detail. */
function envelope(answer: ErrorAnswer): Response {
  return json(answer.status, { error_code: answer.code, error_msg: answer.message, error_ext_msg: null }, { 'x-request-id': randomUUID().replace(/-/g, '') });
}

/** A path template (`/v2/{project_id}/migration-task`) as a pattern, a trailing slash allowed, with its parameter names. */
function compileTemplate(template: string): { readonly pattern: RegExp; readonly names: readonly string[] } {
  const names: string[] = [];
  const source = template
    .replace(/\/+$/, '')
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return escapeRegExp(part);
      names.push(name);
      return '([^/]+)';
    })
    .join('');
  return { pattern: new RegExp(`^${source}\\/?$`), names };
}

/** One route: an operation's own call, or the cleanup call its operations share. */
interface Route {
  readonly method: string;
  readonly template: ReturnType<typeof compileTemplate>;
  readonly operations: readonly Operation[];
  readonly cleanup: boolean;
}

const bindingOf = (operation: Operation): RestBinding => operation.contract.document.binding as RestBinding;

function routesOf(served: readonly Operation[]): Route[] {
  const own = served.map((o): Route => ({ method: bindingOf(o).method, template: compileTemplate(bindingOf(o).path), operations: [o], cleanup: false }));
  const cleanups = new Map<string, Operation[]>();
  for (const o of served) {
    const key = `${bindingOf(o).cleanup.method} ${bindingOf(o).cleanup.path}`;
    cleanups.set(key, [...(cleanups.get(key) ?? []), o]);
  }
  const shared = [...cleanups.values()].map((ops): Route => ({ method: bindingOf(ops[0]!).cleanup.method, template: compileTemplate(bindingOf(ops[0]!).cleanup.path), operations: ops, cleanup: true }));
  return [...own, ...shared];
}

/** Authentication as the gateway does it, when the route's target has credentials: an X-Auth-Token, or SDK-HMAC-SHA256 with the AK/SK. */
function authenticate(contract: Contract, credentials: unknown, received: Awaited<ReturnType<typeof receiveRequest>>, now: Date): ErrorAnswer | undefined {
  if (!credentials) return undefined;
  if (typeof credentials === 'object' && 'token' in credentials) {
    return received.headers.get('x-auth-token') === credentials.token ? undefined : cataloguedError(contract, 'APIGW.0301', ['x-auth-token not found or not valid']);
  }
  const { ak, sk } = credentials as { ak: string; sk: string };
  const verified = verifyHuawei({ request: received, secretFor: (id) => (id === ak ? sk : undefined), now });
  return verified.ok ? undefined : { status: verified.httpStatus, code: verified.errorCode, message: verified.message };
}

/** The path parameters of a matched route, decoded (a broken encoding reads as empty). */
function pathParametersOf(route: Route, pathname: string): Record<string, string> {
  const values = route.template.pattern.exec(pathname)?.slice(1) ?? [];
  return Object.fromEntries(
    route.template.names.map((name, i) => {
      try {
        return [name, decodeURIComponent(values[i] ?? '')];
      } catch {
        return [name, ''];
      }
    }),
  );
}

/** Reads the JSON object body, in the gateway's order: present, labelled JSON, JSON in UTF-8, an object. */
function bodyOf(contract: Contract, received: Awaited<ReturnType<typeof receiveRequest>>, settings: EmulatorSettings): { readonly body: Record<string, unknown> } | { readonly error: ErrorAnswer } {
  if (received.body.byteLength === 0) return { error: wireAnswer(contract, 'empty-body') };
  if (!/^application\/json\s*(;|$)/i.test(received.headers.get('content-type') ?? '')) return { error: wireAnswer(contract, 'wrong-content-type') };
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(received.body));
  } catch {
    return { error: wireFault(contract, settings, 'malformed-json') ?? wireAnswer(contract, 'malformed-json') };
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { error: wireAnswer(contract, 'body-not-object') };
  return { body: body as Record<string, unknown> };
}

const bodyLimit = 1024 * 1024;

/**
 * Huawei Cloud REST with JSON bodies (reference B.1), in the gateway's order: a route by method and
 * path template (an operation's, or a cleanup call its operations share), else 404 `APIGW.0101`;
 * the body limit (413 `APIGW.0201`); authentication (SDK-HMAC-SHA256 or an X-Auth-Token, 401
 * `APIGW.0301`); the path rules (`project-exists`); then the body: present, `application/json`,
 * JSON, an object (the codes of the vendor's wire rules). Errors in `{error_code, error_msg,
 * error_ext_msg}` with an `X-Request-Id`.
 */
export const huaweiRest: Protocol = {
  bodyLimit,
  endpoints: (contracts) => {
    const rest = contracts.flatMap((c) => (c.document.binding.style === 'rest' ? [c] : []));
    const prefixes = new Set(rest.map((c) => [c.document.product, literalPrefix(c.document.binding.path)].join('\n')));
    return [...prefixes].map((key) => {
      const [product = '', prefix = ''] = key.split('\n');
      return new RegExp(`^https?:\\/\\/${escapeRegExp(product)}\\.[a-z0-9-]+\\.myhuaweicloud\\.com${escapeRegExp(prefix)}.*$`);
    });
  },
  create: (operations, settings): FrontEnd => {
    const fallback = firstOf(operations).contract;
    const routes = routesOf(operations.filter((o) => o.target));
    const handle = async (request: Request): Promise<Response> => {
      const pathname = new URL(request.url).pathname;
      const route = routes.find((r) => r.method === request.method && r.template.pattern.test(pathname));
      if (!route) return envelope(wireAnswer(fallback, 'unknown-route'));
      const owner = firstOf(route.operations);
      const contract = owner.contract;
      const received = await receiveRequest(request);
      if (received.body.byteLength > bodyLimit) return envelope({ ...wireAnswer(contract, 'oversized-body'), status: 413, message: 'Request entity too large.' });
      const refused = authenticate(contract, owner.target?.credentials, received, settings.clock.now());
      if (refused) return envelope(refused);
      const pathParameters = pathParametersOf(route, pathname);
      const outOfPath = route.operations.map((o) => o.checkPath(pathParameters)).find(Boolean);
      if (outOfPath) return envelope(outOfPath);
      const read = bodyOf(contract, received, settings);
      if ('error' in read) return envelope(read.error);
      const { body } = read;
      if (route.cleanup) {
        const answer = runCleanup(route.operations, body);
        return 'error' in answer ? envelope(answer.error) : json(bindingOf(owner).successStatus, answer.echo);
      }
      const answer = owner.call(body, pathParameters);
      return 'error' in answer ? envelope(answer.error) : json(answer.status, answer.body);
    };
    return {
      claim: (pathname) => claimOf([...new Set(operations.flatMap((o) => [literalPrefix(bindingOf(o).path), literalPrefix(bindingOf(o).cleanup.path)]))], pathname),
      handle,
      failure: (message) => {
        const internal = serverError(fallback);
        return envelope({ ...internal, message: `${internal.message} ${message}` });
      },
      reset: () => undefined,
    };
  },
};
