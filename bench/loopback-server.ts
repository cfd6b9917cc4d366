import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>`: an IP, so S3 clients address buckets by path, not by a bucket host name. */
  url: string;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 handing `handle` each request with its whole body. */
export async function serveOnLoopback(handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void): Promise<LoopbackServer> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        // The SDK clients keep connections alive: without this, close waits for them to time out.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** An error as AWS's JSON protocols send it: its type (the SDK's error name) and a 400. */
export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A loopback endpoint for an AWS service speaking a JSON protocol (X-Amz-Target names the operation),
 * enough for the real SDK client: each operation answers its output, or throws AwsJsonError. The
 * operations served are kept in order in `operations` for the caller to read and clear.
 */
export async function serveAwsJson(
  contentType: 'application/x-amz-json-1.0' | 'application/x-amz-json-1.1',
  handlers: Record<string, (input: Record<string, unknown>) => unknown>,
): Promise<LoopbackServer & { operations: string[] }> {
  const operations: string[] = [];
  const server = await serveOnLoopback((req, body, res) => {
    const operation = String(req.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
    operations.push(operation);
    res.setHeader('content-type', contentType);
    const handler = handlers[operation];
    try {
      if (!handler) throw new AwsJsonError('UnknownOperationException', `this fake does not serve ${operation}`);
      res.end(JSON.stringify(handler(JSON.parse(body.toString() || '{}') as Record<string, unknown>)));
    } catch (error) {
      const known = error instanceof AwsJsonError;
      res.statusCode = known ? 400 : 500;
      res.end(JSON.stringify({ __type: known ? error.type : 'InternalFailure', message: (error as Error).message }));
    }
  });
  return { ...server, operations };
}
