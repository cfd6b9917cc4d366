import { request } from 'node:http';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import { startSimulator, type Simulator } from './server';

/**
 * The simulator as a Lambda behind a function URL (the e2e stack, `-c e2e=true`): each function URL event is
 * replayed as an HTTP request to the simulator's own server, started on loopback once per execution
 * environment, so the Lambda answers exactly what `npm run simulator` answers. Its org lives in that
 * environment's memory: the e2e stack reserves one environment for it.
 */
export function functionUrlAdapter(start: () => Promise<Simulator> = () => startSimulator({ port: 0, host: '127.0.0.1' })) {
  let simulator: Promise<Simulator> | undefined;
  return async (event: LambdaFunctionURLEvent): Promise<APIGatewayProxyStructuredResultV2> => {
    simulator ??= start();
    const sim = await simulator;
    const publicHost = event.headers.host ?? event.requestContext.domainName;
    const body = event.body === undefined ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    const headers: Record<string, string> = { ...event.headers, host: publicHost };
    if (body) headers['content-length'] = String(body.length);
    else delete headers['content-length'];
    const path = event.rawPath + (event.rawQueryString ? `?${event.rawQueryString}` : '');
    const answer = await forward(sim.port, event.requestContext.http.method, path, headers, body);
    return {
      statusCode: answer.status,
      headers: Object.fromEntries(
        Object.entries(answer.headers).map(([name, value]) => [name, name === 'link' ? toPublicScheme(value, publicHost) : value]),
      ),
      body: answer.body,
    };
  };
}

export const handler = functionUrlAdapter();

/**
 * The server builds next-page links from the Host it was sent and `http:`; the caller reached it over the
 * function URL's https. Our Webex client follows only same-origin links, so the scheme must be the caller's.
 */
function toPublicScheme(link: string, host: string): string {
  return link.split(`<http://${host}/`).join(`<https://${host}/`);
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function forward(port: number, method: string, path: string, headers: Record<string, string>, body?: Buffer): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined && !HOP_BY_HOP.has(name)) flat[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: res.statusCode ?? 502, headers: flat, body: Buffer.concat(chunks).toString('utf8') });
      });
      res.on('error', reject);
    });
    // A fault that drops the connection: the function URL answers 502, as a dropped Webex connection would fail.
    req.on('error', () => resolve({ status: 502, headers: { 'content-type': 'text/plain' }, body: 'connection dropped' }));
    req.end(body);
  });
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length']);
