import type http from 'node:http';

/** Answers with status 200 and a body that never ends: 64 KiB chunks as fast as the client reads them (a hostile endpoint). */
export function answerWithoutEnd(res: http.ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, ' ');
  res.writeHead(200, { 'content-type': 'application/json' });
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on('drain', pump);
  pump();
}
