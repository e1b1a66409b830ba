/**
 * Test support: thin typed handles on the vendors' own SDK cores (installed as
 * dev dependencies), used only to produce real signed requests to a loopback
 * capture server. Loaded with `require` because they are CommonJS and the
 * Huawei core is only reachable through deep paths (reference C).
 *
 * @module
 */

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** The part of `@alicloud/pop-core`'s RPCClient the tests use. */
export interface PopCoreClient {
  request(action: string, params: Record<string, unknown>, options?: { method?: 'GET' | 'POST' }): Promise<unknown>;
}

/** A pop-core client (signature V2 / HMAC-SHA1). */
export function popCoreClient(config: {
  endpoint: string;
  apiVersion: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}): PopCoreClient {
  const RPCClient = require('@alicloud/pop-core') as new (options: typeof config) => PopCoreClient;
  return new RPCClient(config);
}

type TeaModelClass = new (map: Record<string, unknown>) => object;

interface OpenApiModule {
  default: new (config: object) => { callApi(params: object, request: object, runtime: object): Promise<unknown> };
  Config: TeaModelClass;
  Params: TeaModelClass;
  OpenApiRequest: TeaModelClass;
}

/**
 * Calls SMC CreateReplicationJob (or another RPC action) through
 * `@alicloud/openapi-client`'s `callApi`, as the generated SMC client does:
 * POST `/`, business parameters flattened into the query (or a form body).
 * ACS3-HMAC-SHA256 by default; `signatureAlgorithm: 'v2'` switches to HMAC-SHA1.
 */
export async function openApiRpcCall(options: {
  host: string;
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  signatureAlgorithm?: 'v2';
  action: string;
  version: string;
  query?: Record<string, unknown>;
  body?: Record<string, unknown>;
}): Promise<unknown> {
  const openapi = require('@alicloud/openapi-client') as OpenApiModule;
  const util = require('@alicloud/openapi-util') as { default: { query(filter: Record<string, unknown>): Record<string, string> } };
  const teaUtil = require('@alicloud/tea-util') as { RuntimeOptions: TeaModelClass };
  const config = new openapi.Config({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    ...(options.securityToken === undefined ? {} : { securityToken: options.securityToken }),
    ...(options.signatureAlgorithm === undefined ? {} : { signatureAlgorithm: options.signatureAlgorithm }),
    endpoint: options.host,
    protocol: 'http',
  });
  const client = new openapi.default(config);
  const params = new openapi.Params({
    action: options.action,
    version: options.version,
    protocol: 'HTTP',
    pathname: '/',
    method: 'POST',
    authType: 'AK',
    style: 'RPC',
    reqBodyType: 'formData',
    bodyType: 'json',
  });
  const request = new openapi.OpenApiRequest({
    ...(options.query === undefined ? {} : { query: util.default.query(options.query) }),
    ...(options.body === undefined ? {} : { body: options.body }),
  });
  return client.callApi(params, request, new teaUtil.RuntimeOptions({ autoretry: false }));
}

/** Options of the Huawei core's `HcClient.sendRequest` (what generated service clients pass). */
export interface HuaweiRequestOptions {
  method: string;
  url: string;
  contentType?: string;
  pathParams: Record<string, string>;
  queryParams: Record<string, string | string[]>;
  headers: Record<string, string>;
  data?: unknown;
}

/** An `HcClient` from `@huaweicloud/huaweicloud-sdk-core` with AK/SK credentials. */
export function huaweiClient(options: { endpoint: string; ak: string; sk: string; projectId: string }): {
  sendRequest(request: HuaweiRequestOptions): Promise<unknown>;
} {
  type Credentials = { withAk(v: string): Credentials; withSk(v: string): Credentials; withProjectId(v: string): Credentials };
  type Builder<T> = {
    withCredential(c: Credentials): Builder<T>;
    withEndpoint(e: string): Builder<T>;
    withOptions(o: { customUserAgent: string }): Builder<T>;
    build(): T;
  };
  type Client = { sendRequest(request: HuaweiRequestOptions): Promise<unknown> };
  const { ClientBuilder } = require('@huaweicloud/huaweicloud-sdk-core/ClientBuilder') as {
    ClientBuilder: new (init: (client: Client) => Client) => Builder<Client>;
  };
  const { BasicCredentials } = require('@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials') as {
    BasicCredentials: new () => Credentials;
  };
  return (
    new ClientBuilder((client) => client)
      .withCredential(new BasicCredentials().withAk(options.ak).withSk(options.sk).withProjectId(options.projectId))
      .withEndpoint(options.endpoint)
      // A custom user agent keeps the SDK from writing an application id under $HOME.
      .withOptions({ customUserAgent: 'migration-conformance-tests' })
      .build()
  );
}
