import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { SignedApiClient } from '../../e2e/signed-api-client';
import { signRequest } from '../../e2e/sigv4';

const CREDENTIALS = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

/** The reference signer, for the verifier: @smithy/signature-v4 (what the AWS SDK signs with), hashing with node:crypto. */
class NodeSha256 {
  private readonly hash;
  constructor(private readonly secret?: string | Uint8Array) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', secret as string);
  }
  update(data: string | Uint8Array) {
    this.hash.update(data);
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

/** A local verifier: recompute the signature of the request as received with the reference signer. */
async function verify(req: IncomingMessage, body: string, region: string, service: string, sessionToken?: string): Promise<boolean> {
  const auth = String(req.headers.authorization);
  const signedHeaders = /SignedHeaders=([^,]+)/.exec(auth)![1].split(';');
  const url = new URL(req.url!, `http://${req.headers.host}`);
  const amzDate = String(req.headers['x-amz-date']);
  const now = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers = Object.fromEntries(signedHeaders.filter((h) => h !== 'x-amz-date' && h !== 'x-amz-security-token').map((h) => [h, String(req.headers[h])]));
  const reference = new SignatureV4({ credentials: { ...CREDENTIALS, sessionToken }, region, service, sha256: NodeSha256 as never, applyChecksum: false });
  const signed = await reference.sign(
    { method: req.method!, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body },
    { signingDate: now },
  );
  return signed.headers.authorization === auth;
}

describe('SigV4 signing', () => {
  it("matches AWS's documented example signature (IAM ListUsers, 2015-08-30)", async () => {
    const headers = await signRequest(
      {
        method: 'GET',
        url: new URL('https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08'),
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
      },
      { region: 'us-east-1', service: 'iam', credentials: CREDENTIALS, now: new Date('2015-08-30T12:36:00Z') },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/iam/aws4_request, SignedHeaders=content-type;host;x-amz-date, ' +
        'Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7',
    );
  });

  it('the client signs every request so that a verifier with the reference signer accepts it, encoded paths and queries included', async () => {
    const received: { auth: string; ok: boolean; token?: string; path: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const token = req.headers['x-amz-security-token'] as string | undefined;
        const ok = await verify(req, body, 'eu-west-1', 'execute-api', token);
        received.push({ auth: String(req.headers.authorization), ok, token, path: req.url! });
        res.writeHead(ok ? 200 : 403, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ echoed: body ? JSON.parse(body) : null }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const port = (server.address() as AddressInfo).port;
      const client = new SignedApiClient({
        baseUrl: `http://127.0.0.1:${port}/v1`,
        region: 'eu-west-1',
        credentials: async () => ({ ...CREDENTIALS, sessionToken: 'session/token+value=' }),
      });
      const answers = [
        await client.call('GET', 'users/alice%40example.com'),
        await client.call('POST', '/users', { email: 'new.joiner@example.com', firstName: 'Nëw' }),
        await client.call('GET', 'numbers?available=true&locationId=Y2lz%2Fabc%3D&max=5'),
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers[1].body).toEqual({ echoed: { email: 'new.joiner@example.com', firstName: 'Nëw' } });
      for (const r of received) {
        expect(r.ok).toBe(true);
        expect(r.auth).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
        );
        expect(r.auth).toMatch(/SignedHeaders=(.*;)?host;.*x-amz-date;x-amz-security-token,/);
        expect(r.token).toBe('session/token+value=');
      }
      expect(received[0].path).toBe('/v1/users/alice%40example.com');
      // A tampered request fails the verifier: the check is real.
      const headers = await signRequest({ method: 'GET', url: new URL(`http://127.0.0.1:${port}/v1/users/a`) }, { region: 'eu-west-1', service: 'execute-api', credentials: CREDENTIALS });
      const { host: _h, ...sent } = headers;
      const tampered = await fetch(`http://127.0.0.1:${port}/v1/users/b`, { headers: sent });
      expect(tampered.status).toBe(403);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('takes the region from an execute-api URL and refuses to guess one otherwise', () => {
    expect(() => new SignedApiClient({ baseUrl: 'https://abc123.execute-api.eu-central-2.amazonaws.com/v1/', credentials: async () => CREDENTIALS })).not.toThrow();
    expect(() => new SignedApiClient({ baseUrl: 'https://example.com/v1', credentials: async () => CREDENTIALS })).toThrow(/region/);
  });
});
