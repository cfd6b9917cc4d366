import { request } from 'node:http';

export interface RawAnswer {
  status: number;
  /** The body as sent, for size bounds and leak checks. */
  text: string;
  /** The body parsed as JSON, or undefined. */
  body: any;
}

/**
 * One HTTP/1.1 exchange with exactly the headers given: fetch would not let a test set `Host`, leave it
 * out, or send `Origin` the way a browser does.
 */
export function rawCall(url: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, method, path, headers, setHost: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = text ? JSON.parse(text) : undefined;
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, text, body: parsed });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}
