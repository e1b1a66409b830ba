import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Emulator } from './emulator.ts';
import { alibabaError, dcsError } from './responses.ts';

/** Request bodies above this are not read: the answer is an error in the vendor's envelope. */
export const maxRequestBytes = 8 * 1024 * 1024;

/** A running emulator server. */
export interface EmulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:9101`. */
  readonly url: string;
  readonly close: () => Promise<void>;
}

async function write(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

/** Serves an emulator over node:http on 127.0.0.1 (only), port 0 for any free one. */
export async function startEmulatorServer(emulator: Emulator, port = 0): Promise<EmulatorServer> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxRequestBytes && !refused) {
        refused = true;
        const tooLarge = (req.url ?? '').startsWith('/v2/') ? dcsError(413, 'APIGW.0201', 'Request entity too large.') : alibabaError(400, 'InvalidParameter', 'The request body is too large.');
        void write(res, tooLarge).then(() => req.destroy());
      }
      if (!refused) chunks.push(chunk);
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      if (refused) return;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      const method = req.method ?? 'GET';
      const hasBody = method !== 'GET' && method !== 'HEAD';
      const request = new Request(new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`), { method, headers, ...(hasBody ? { body: Buffer.concat(chunks) } : {}) });
      emulator.handle(request).then(
        (response) => write(res, response),
        () => res.destroy(),
      );
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
