/**
 * Test support: a loopback `node:http` server that records each request's raw
 * bytes so verifiers can be run on exactly what an SDK sent.
 *
 * @module
 */

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReceivedRequest } from '../signing/received-request.ts';

/** What the server answers. */
export interface CannedResponse {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: string;
}

/** A running capture server. */
export interface CaptureServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `127.0.0.1:<port>` */
  readonly host: string;
  readonly port: number;
  /** Requests in arrival order. */
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

async function capture(message: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  const headers = new Headers();
  // rawHeaders keeps repeats and the client's order; Headers joins repeats like a gateway would.
  for (let i = 0; i + 1 < message.rawHeaders.length; i += 2) {
    headers.append(message.rawHeaders[i] ?? '', message.rawHeaders[i + 1] ?? '');
  }
  return {
    method: message.method ?? '',
    target: message.url ?? '',
    headers,
    body: new Uint8Array(Buffer.concat(chunks)),
  };
}

/** Starts a server on 127.0.0.1, port chosen by the OS. */
export async function startCaptureServer(
  respond: (request: ReceivedRequest) => CannedResponse = () => ({ status: 200, body: '{}' }),
): Promise<CaptureServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((message, response) => {
    capture(message).then(
      (request) => {
        requests.push(request);
        const canned = respond(request);
        response.writeHead(canned.status, { 'content-type': 'application/json;charset=utf-8', ...canned.headers });
        response.end(canned.body);
      },
      () => {
        response.writeHead(500).end();
      },
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        // SDKs keep connections alive; drop them so close() returns promptly.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
