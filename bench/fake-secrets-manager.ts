import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Enough of the Secrets Manager JSON protocol (GetSecretValue, PutSecretValue) for the real SDK client to
 * run against a loopback endpoint (AWS_ENDPOINT_URL_SECRETS_MANAGER) in benchmarks.
 */
export async function startFakeSecretsManager(initial: string): Promise<{ url: string; arn: string; close(): Promise<void> }> {
  const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-bench-AbCdEf';
  let value = initial;
  let version = 1;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = JSON.parse(Buffer.concat(chunks).toString() || '{}') as { SecretString?: string; ClientRequestToken?: string };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target.endsWith('GetSecretValue')) {
        res.end(JSON.stringify({ ARN: arn, Name: 'webex-bench', SecretString: value, VersionId: `v${version}`, VersionStages: ['AWSCURRENT'] }));
      } else if (target.endsWith('PutSecretValue')) {
        value = body.SecretString ?? value;
        version++;
        res.end(JSON.stringify({ ARN: arn, Name: 'webex-bench', VersionId: body.ClientRequestToken ?? `v${version}` }));
      } else {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'InvalidRequestException', message: `unsupported ${target}` }));
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, arn, close: () => new Promise((r) => server.close(() => r())) };
}
