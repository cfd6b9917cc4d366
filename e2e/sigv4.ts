import { Hash } from '@smithy/hash-node';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * AWS Signature Version 4 for one request, with @smithy/signature-v4 (what the AWS SDK signs with) and its Node
 * hash: the e2e client and `npm run api` sign with it.
 */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface RequestToSign {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: string;
}

export interface SigningScope {
  region: string;
  /** `execute-api` for API Gateway, `events` for EventBridge, … */
  service: string;
  credentials: AwsCredentials;
  now?: Date;
}

/** The headers to send: the given ones plus host, x-amz-date, the session token and Authorization. */
export async function signRequest(request: RequestToSign, scope: SigningScope): Promise<Record<string, string>> {
  const signer = new SignatureV4({ credentials: scope.credentials, region: scope.region, service: scope.service, sha256: Hash.bind(null, 'sha256'), applyChecksum: false });
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of request.url.searchParams) query[k] = k in query ? [...[query[k]].flat(), v] : v;
  const signed = await signer.sign(
    {
      method: request.method.toUpperCase(),
      protocol: request.url.protocol,
      hostname: request.url.hostname,
      port: request.url.port ? Number(request.url.port) : undefined,
      // The path as sent (its segments percent-encoded): the signer escapes each once more, as services other than S3 expect.
      path: request.url.pathname,
      query,
      headers: { ...request.headers, host: request.url.host },
      body: request.body,
    },
    { signingDate: scope.now ?? new Date() },
  );
  return Object.fromEntries(Object.entries(signed.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
}
