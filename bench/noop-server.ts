/**
 * A loopback server that answers every request at once with a fixed success body, in a process of its
 * own (spawned by `startNoopServer`): what a run or autocannon measures against it is theirs alone.
 * Prints its port on stdout once it listens, and answers any IPC message with the number of requests
 * it has answered and the CPU time it has used.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const body = JSON.stringify({ RequestId: 'C8B26B44-0189-443E-9816-D951F59623A9', JobId: 'j-noop', id: 'noop', name: 'noop', status: 'MIGRATING', instance_id: 'noop', task_id_list: ['noop'] });
let answered = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    answered += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
process.on('message', () => {
  const { user, system } = process.cpuUsage();
  process.send?.({ requests: answered, cpuMicros: user + system });
});
// Longer than any client keeps an idle connection: a request never meets a connection closing under it.
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${(server.address() as AddressInfo).port}\n`));
