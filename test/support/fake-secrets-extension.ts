import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSecretsExtension {
  /** Put in PARAMETERS_SECRETS_EXTENSION_HTTP_PORT. */
  port: number;
  /** What AWS_SESSION_TOKEN must hold for the extension to answer. */
  sessionToken: string;
  /** GET /secretsmanager/get requests received, answered or not. */
  requests: { secretId: string | null; token: string | undefined }[];
  /** Stores (or replaces) a secret's SecretString, making a new version. */
  put(secretId: string, secretString: string): void;
  /** The next `count` reads fail as the extension does when Secrets Manager fails (e.g. 502, 504). */
  failNext(status: number, count?: number): void;
  close(): Promise<void>;
}

// The real extension's answer to any failed GetSecretValue (no such secret, access denied, KMS): a bare 400.
const UNEXPECTED = 'an unexpected error occurred while executing request';

/**
 * A loopback stand-in for the AWS Parameters and Secrets Lambda Extension's Secrets Manager endpoint, cache
 * off (as the stack configures it): GET /secretsmanager/get?secretId=… with X-Aws-Parameters-Secrets-Token,
 * answered with GetSecretValue's JSON, or with the extension's plain-text errors.
 */
export async function startFakeSecretsExtension(secrets: Record<string, string> = {}, sessionToken = 'fake-session-token'): Promise<FakeSecretsExtension> {
  const store = new Map<string, { value: string; version: number }>();
  const put = (id: string, value: string) => store.set(id, { value, version: (store.get(id)?.version ?? 0) + 1 });
  for (const [id, value] of Object.entries(secrets)) put(id, value);
  const requests: FakeSecretsExtension['requests'] = [];
  let failures: { status: number; count: number } | undefined;

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const token = req.headers['x-aws-parameters-secrets-token'] as string | undefined;
    const answer = (status: number, body: string, type = 'text/plain') => {
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (req.method !== 'GET' || url.pathname !== '/secretsmanager/get') return answer(404, 'not found');
    const secretId = url.searchParams.get('secretId');
    requests.push({ secretId, token });
    if (token !== sessionToken) return answer(401, 'unauthorized');
    if (!secretId) return answer(400, 'secretId is required');
    if (failures && failures.count > 0) {
      failures.count--;
      return answer(failures.status, UNEXPECTED);
    }
    const secret = store.get(secretId);
    if (!secret) return answer(400, UNEXPECTED);
    answer(
      200,
      JSON.stringify({
        ARN: secretId,
        Name: secretId.split(':').pop(),
        VersionId: `v${secret.version}`,
        SecretString: secret.value,
        SecretBinary: null,
        VersionStages: ['AWSCURRENT'],
        CreatedDate: '2026-11-29T00:00:00.000Z',
        ResultMetadata: {},
      }),
      'application/json',
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    sessionToken,
    requests,
    put,
    failNext: (status, count = 1) => void (failures = { status, count }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
