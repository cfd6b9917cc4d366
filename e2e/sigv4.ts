import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 for one request (node:crypto only), as AWS's SigV4 reference describes it
 * (docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html): a canonical request,
 * a string to sign over its hash, and an HMAC chain from the secret key down to date, region, service.
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

const ALGORITHM = 'AWS4-HMAC-SHA256';

/** The headers to send: the given ones plus host, x-amz-date, the session token and Authorization. */
export function signRequest(request: RequestToSign, scope: SigningScope): Record<string, string> {
  const amzDate = (scope.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const date = amzDate.slice(0, 8);
  const headers: Record<string, string> = { ...request.headers, host: request.url.host, 'x-amz-date': amzDate };
  if (scope.credentials.sessionToken) headers['x-amz-security-token'] = scope.credentials.sessionToken;

  const canonical = canonicalRequest(request, headers);
  const credentialScope = `${date}/${scope.region}/${scope.service}/aws4_request`;
  const stringToSign = [ALGORITHM, amzDate, credentialScope, sha256Hex(canonical.text)].join('\n');
  const key = [date, scope.region, scope.service, 'aws4_request'].reduce<Buffer | string>(
    (k, part) => hmac(k, part),
    `AWS4${scope.credentials.secretAccessKey}`,
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `${ALGORITHM} Credential=${scope.credentials.accessKeyId}/${credentialScope}, SignedHeaders=${canonical.signedHeaders}, Signature=${signature}`,
  };
}

/** The canonical request and its signed header list (exported for the verifier in the tests). */
export function canonicalRequest(request: RequestToSign, headers: Record<string, string>): { text: string; signedHeaders: string } {
  const names = Object.keys(headers).map((n) => n.toLowerCase()).sort();
  const byName = Object.fromEntries(Object.entries(headers).map(([n, v]) => [n.toLowerCase(), v.trim().replace(/\s+/g, ' ')]));
  const signedHeaders = names.join(';');
  const text = [
    request.method.toUpperCase(),
    // Services other than S3 sign each path segment escaped once more than it is sent.
    request.url.pathname.split('/').map(escape).join('/') || '/',
    [...request.url.searchParams]
      .map(([k, v]) => [escape(k), escape(v)])
      .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&'),
    names.map((n) => `${n}:${byName[n]}\n`).join(''),
    signedHeaders,
    sha256Hex(request.body ?? ''),
  ].join('\n');
  return { text, signedHeaders };
}

/** RFC 3986 percent-encoding: everything but A-Z a-z 0-9 - _ . ~ */
function escape(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const hmac = (key: Buffer | string, text: string) => createHmac('sha256', key).update(text, 'utf8').digest();
