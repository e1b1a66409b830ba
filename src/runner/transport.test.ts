import http from 'node:http';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../contract/load.ts';
import { answerBodyLimit } from './http-exchange.ts';
import { throttledBy } from './send-case.ts';
import { createRateLimiter, forEachConcurrently, send } from './transport.ts';
import { answerWithoutEnd } from '../../test/helpers/endless-answer.ts';

let server: http.Server;
let base = '';
const seen: string[] = [];

beforeAll(async () => {
  let throttled = 0;
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/throttle' && throttled++ < 2) {
      res.writeHead(400, { 'content-type': 'application/json', 'retry-after': '0' });
      return res.end(JSON.stringify({ Code: 'Throttling.User', Message: 'slow down', RequestId: 'r' }));
    }
    if (req.url === '/hang') return; // never answers
    if (req.url === '/reset') return req.socket.destroy();
    if (req.url === '/endless') return answerWithoutEnd(res);
    if (req.url === '/gzip') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync('{"ok":"gzip"}'));
    }
    if (req.url === '/bomb') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end(zlib.gzipSync(Buffer.alloc(answerBodyLimit + 1, 0x20)));
    }
    if (req.url === '/corrupt') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      return res.end('{"not":"gzip"}');
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe('send', () => {
  it('retries throttling answers (by the catalogue class of their code), rebuilding the request each time', async () => {
    let builds = 0;
    const throttled = throttledBy(loadContract('alibaba-smc/CreateReplicationJob@current'));
    const exchange = await send(() => ((builds += 1), { method: 'GET', url: `${base}/throttle`, headers: {} }), { throttled });
    expect('response' in exchange && exchange.response.status).toBe(200);
    expect(exchange.attempts).toBe(3);
    expect(builds).toBe(3);
  });

  it('gives up after the bounded retries and returns the last answer', async () => {
    const exchange = await send(() => ({ method: 'GET', url: `${base}/throttle`, headers: {} }), { retries: 0 });
    expect(exchange.attempts).toBe(1);
  });

  it('turns a timeout, a reset and a refused connection into failures, never throws', async () => {
    const hang = await send(() => ({ method: 'GET', url: `${base}/hang`, headers: {} }), { timeoutMs: 200 });
    expect('failure' in hang && hang.failure.kind).toBe('timeout');
    const reset = await send(() => ({ method: 'GET', url: `${base}/reset`, headers: {} }));
    expect('failure' in reset && reset.failure.kind).toBe('reset');
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const refused = await send(() => ({ method: 'GET', url: `http://127.0.0.1:${port}/`, headers: {} }));
    expect('failure' in refused && refused.failure.kind).toBe('refused');
  });

  it('decodes a compressed answer, within the bound, and keeps bytes that do not decode as they came', async () => {
    const gzip = await send(() => ({ method: 'GET', url: `${base}/gzip`, headers: {} }));
    expect('response' in gzip && gzip.response.body).toBe('{"ok":"gzip"}');
    const bomb = await send(() => ({ method: 'GET', url: `${base}/bomb`, headers: {} }));
    expect('failure' in bomb && bomb.failure.kind).toBe('oversized');
    const corrupt = await send(() => ({ method: 'GET', url: `${base}/corrupt`, headers: {} }));
    expect('response' in corrupt && corrupt.response.body).toBe('{"not":"gzip"}');
  });

  it('sends a request again on another connection when the kept-alive one was closed under it before any answer', async () => {
    // A server that answers the first request of each connection and drops the connection at the next: a close racing the reuse.
    const racing = http.createServer((req, res) => {
      const socket = req.socket as typeof req.socket & { answered?: boolean };
      if (socket.answered) return socket.destroy();
      socket.answered = true;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => racing.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(racing.address() as AddressInfo).port}/`;
    try {
      for (let i = 0; i < 3; i += 1) {
        const answer = await send(() => ({ method: 'POST', url, headers: {}, body: `n=${i}` }));
        expect('response' in answer && answer.response.status, `request ${i}`).toBe(200);
      }
    } finally {
      racing.closeAllConnections();
      racing.close();
    }
  });

  it('stops reading an answer whose body runs past the bound, and says so', async () => {
    const endless = await send(() => ({ method: 'GET', url: `${base}/endless`, headers: {} }), { timeoutMs: 30_000 });
    expect('failure' in endless && endless.failure).toEqual({ kind: 'oversized', message: `an answer body of more than ${answerBodyLimit} bytes (the rest was not read)` });
    // The connection it came on is closed, not handed to the next request.
    const next = await send(() => ({ method: 'GET', url: `${base}/ok`, headers: {} }));
    expect('response' in next && next.response.body).toBe('{"ok":true}');
  });
});

describe('createRateLimiter and forEachConcurrently', () => {
  it('space calls and bound the tasks in flight', async () => {
    const limit = createRateLimiter(50);
    const started = performance.now();
    for (let i = 0; i < 6; i += 1) await limit();
    expect(performance.now() - started).toBeGreaterThanOrEqual(90);
    let inFlight = 0;
    let most = 0;
    await forEachConcurrently([1, 2, 3, 4, 5, 6, 7], 3, async () => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    });
    expect(most).toBe(3);
  });
});
