import { spawn, type ChildProcess } from 'node:child_process';
import { sendHttpRequest } from '../../../functions/lib/webex/http-transport';

/**
 * A server in another process that closes a kept-alive connection after 100 ms idle (no Keep-Alive hint), and a client that
 * "freezes" (a busy loop: no I/O processed, as in a frozen Lambda environment) past that before its next
 * request: the pooled socket it reuses is one the server has closed, and the write fails before any byte
 * of an answer.
 */
const SERVER = `
const http = require('node:http');
let n = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    n++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ n, method: req.method, body, port: req.socket.remotePort }));
    // Closes the connection after 100 ms idle, without a Keep-Alive hint the client could act on first.
    clearTimeout(req.socket.idle);
    req.socket.idle = setTimeout(() => req.socket.destroy(), 100);
  });
});
server.keepAliveTimeout = 0;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
`;

let child: ChildProcess;
let base: string;
beforeAll(async () => {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve) => child.stdout!.once('data', (d: Buffer) => resolve(d.toString().trim())));
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => {
  child.kill();
});

const freeze = (ms: number) => {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // a frozen environment: nothing of the event loop runs
  }
};
const send = (method: string, body?: string) => sendHttpRequest({ method, url: new URL(`${base}/x`), headers: { 'content-type': 'application/json' }, body, timeoutMs: 5_000 });

describe('http transport: a kept-alive socket the server closed while the process was frozen', () => {
  it.each(['GET', 'POST'])('%s: resent once on a fresh socket, answered once', async (method) => {
    const first = JSON.parse((await send(method, method === 'POST' ? '{"a":1}' : undefined)).body);
    // Let the socket go back to the pool, then freeze past the server's idle timeout.
    await new Promise((resolve) => setImmediate(resolve));
    freeze(400);
    const second = await send(method, method === 'POST' ? '{"a":2}' : undefined);
    expect(second.status).toBe(200);
    const answer = JSON.parse(second.body);
    expect(answer).toMatchObject({ n: first.n + 1, method, ...(method === 'POST' ? { body: '{"a":2}' } : {}) });
    expect(answer.port).not.toBe(first.port);
  });
});
