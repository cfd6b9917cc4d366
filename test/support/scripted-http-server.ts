import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  /** Lower-cased, as Node parses them. */
  headers: IncomingHttpHeaders;
  body: string;
  /** The client's port: equal for two requests that shared a kept-alive connection. */
  clientPort: number;
}

/** An answer; `reset` drops the connection once the request has arrived, `hang` never answers. */
export type ScriptedReply =
  | { status: number; body?: unknown; headers?: Record<string, string>; raw?: string | Buffer }
  | 'reset'
  | 'hang';

export interface ScriptedServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** The requests answered `hang` whose connection is still open: what only the client's timeout can end. */
  held(): number;
  /** Replaces the queue of answers (and forgets the requests recorded so far). */
  script(replies: (ScriptedReply | ((request: RecordedRequest) => ScriptedReply))[]): void;
  close(): Promise<void>;
}

/**
 * A real HTTP server on loopback that answers from a script, in order, and records every request, so
 * the code under test runs its real transport (sockets, timeouts, resets) rather than a stubbed fetch.
 */
export async function startScriptedServer(port = 0): Promise<ScriptedServer> {
  let queue: (ScriptedReply | ((request: RecordedRequest) => ScriptedReply))[] = [];
  const requests: RecordedRequest[] = [];
  let held = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        clientPort: req.socket.remotePort ?? 0,
      };
      requests.push(recorded);
      const next = queue.shift();
      const reply = typeof next === 'function' ? next(recorded) : (next ?? { status: 418, body: { message: 'no scripted reply left' } });
      if (reply === 'hang') {
        held++;
        req.socket.once('close', () => held--);
        return;
      }
      if (reply === 'reset') {
        req.socket.destroy();
        return;
      }
      const payload = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
      res.writeHead(reply.status, { ...(reply.raw === undefined && reply.body !== undefined ? { 'content-type': 'application/json' } : {}), ...reply.headers });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    requests,
    held: () => held,
    script(replies) {
      queue = [...replies];
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const probe = await startScriptedServer();
  await probe.close();
  return probe.port;
}
