import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createEmulator, type Emulator, type EmulatorOptions } from './emulator.ts';
import { maxBufferedBytes } from './front-ends/index.ts';

/** Bodies are read to the end (so the client sees the answer) up to this size; past it the connection is dropped. */
export const maxDrainedBytes = 64 * 1024 * 1024;

/** Options of {@link startEmulatorServer} when it builds the emulator itself. */
export interface EmulatorServerOptions extends EmulatorOptions {
  /** Port on 127.0.0.1. @default 0, any free port */
  readonly port?: number;
}

/**
 * A running emulator server: one port for every operation it serves, each front end on its routes'
 * paths (RPC at `/`, REST under `/v2/…` here: they never overlap, and one state serves runs that use
 * both).
 */
export interface EmulatorServer {
  /** Base URL, e.g. `http://127.0.0.1:9101`. */
  readonly url: string;
  /** The core behind the server (its state, for tests). */
  readonly emulator: Emulator;
  /** Stops listening and drops open connections. */
  readonly close: () => Promise<void>;
}

async function write(res: http.ServerResponse, response: Response): Promise<void> {
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  const body = Buffer.from(await response.arrayBuffer());
  res.writeHead(response.status, headers);
  res.end(body);
}

/**
 * The web Request for what node received. A method fetch refuses (TRACE, TRACK) or a target it cannot
 * parse becomes a body-less OPTIONS: every front end answers an unsupported method with "no such API".
 */
function toWebRequest(req: http.IncomingMessage, body: Buffer): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    try {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    } catch {
      // A header fetch cannot carry is left out, as a gateway would drop it.
    }
  }
  const method = req.method ?? 'GET';
  let url: URL;
  try {
    url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
  } catch {
    url = new URL('http://127.0.0.1/');
  }
  try {
    const hasBody = method !== 'GET' && method !== 'HEAD';
    return new Request(url, { method, headers, ...(hasBody ? { body: new Uint8Array(body) } : {}) });
  } catch {
    return new Request(url, { method: 'OPTIONS', headers });
  }
}

/**
 * Serves an emulator over node:http on 127.0.0.1 only. Pass an emulator, or the options to build one.
 * Request bodies are buffered up to one byte past the largest front end's limit and drained beyond it,
 * so a too-large body still gets the vendor's answer.
 */
export async function startEmulatorServer(source: Emulator | EmulatorServerOptions = {}, port?: number): Promise<EmulatorServer> {
  const emulator = 'handle' in source ? source : createEmulator(source);
  const listenPort = port ?? ('handle' in source ? 0 : (source.port ?? 0));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    let buffered = 0;
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxDrainedBytes) {
        req.destroy();
        return;
      }
      if (buffered >= maxBufferedBytes) return;
      const kept = chunk.subarray(0, maxBufferedBytes - buffered);
      chunks.push(kept);
      buffered += kept.length;
    });
    req.on('error', () => res.destroy());
    req.on('end', () => {
      emulator
        .handle(toWebRequest(req, Buffer.concat(chunks)))
        .then((response) => write(res, response))
        .catch(() => res.destroy());
    });
  });
  // A slow or stalled client cannot hold a connection for long.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  // Idle keep-alive connections stay open well past a busy client's pause: closing one just as the client reuses
  // it resets that request (Node's default of 5 s races a client whose event loop lags by a second).
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listenPort, '127.0.0.1', resolve);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    emulator,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
