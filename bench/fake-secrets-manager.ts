import { serveAwsJson } from './loopback-server';

export interface FakeSecretsManager {
  url: string;
  arn: string;
  /** GetSecretValue, PutSecretValue… in the order served since the last reset. */
  operations: string[];
  /** Back to the first value and version, and no operations. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * Enough of the Secrets Manager JSON protocol (GetSecretValue, PutSecretValue) for the real SDK client to
 * run against a loopback endpoint (AWS_ENDPOINT_URL_SECRETS_MANAGER) in benchmarks.
 */
export async function startFakeSecretsManager(initial: string): Promise<FakeSecretsManager> {
  const arn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:webex-bench-AbCdEf';
  let value = initial;
  let version = 1;
  const server = await serveAwsJson('application/x-amz-json-1.1', {
    GetSecretValue: () => ({ ARN: arn, Name: 'webex-bench', SecretString: value, VersionId: `v${version}`, VersionStages: ['AWSCURRENT'] }),
    PutSecretValue: (input) => {
      value = typeof input.SecretString === 'string' ? input.SecretString : value;
      version++;
      return { ARN: arn, Name: 'webex-bench', VersionId: input.ClientRequestToken ?? `v${version}` };
    },
  });
  return {
    url: server.url,
    arn,
    operations: server.operations,
    reset: () => {
      value = initial;
      version = 1;
      server.operations.length = 0;
    },
    close: server.close,
  };
}
