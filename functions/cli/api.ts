/**
 * npm run api -- <METHOD> <path> [--data JSON] [--url URL] [--stack NAME] [--region REGION] [--auth iam|oauth] [--no-follow]
 *
 * Calls a deployed stack's API and prints the answer's JSON. The URL is --url, or the stack's output (ApiUrl for
 * SigV4, OAuthApiUrl for OAuth; CloudFormation DescribeStacks). SigV4 signs with the AWS credential chain (the
 * SDK's: environment, profile, SSO, role); OAuth uses a client from API_CLIENT_ID / API_CLIENT_SECRET (optional
 * API_SCOPE; the token URL from API_TOKEN_URL or the stack's OAuthTokenUrl). A run the call starts (202 with a
 * statusUrl) is followed until it ends, its progress on stderr.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { parseArgs } from 'node:util';
import { DEFAULT_STACK_NAME } from '../../infra/stack-name';
import { apiCaller, callAndFollow, type CliAuth } from './api-client';

const USAGE = `usage: npm run api -- <METHOD> <path> [--data JSON] [--url URL] [--stack NAME] [--region REGION] [--auth iam|oauth] [--no-follow]
  oauth: API_CLIENT_ID and API_CLIENT_SECRET (and API_SCOPE, API_TOKEN_URL) from the environment`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      url: { type: 'string' },
      stack: { type: 'string' },
      region: { type: 'string' },
      auth: { type: 'string' },
      'no-follow': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const [method, path] = positionals;
  if (values.help || !method || !path) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method.toUpperCase())) throw new Error(`${method} is not an HTTP method the API serves`);
  let data: unknown;
  if (values.data !== undefined) {
    try {
      data = JSON.parse(values.data);
    } catch (error) {
      throw new Error('--data must be JSON', { cause: error });
    }
  }
  const env = process.env;
  const kind = values.auth ?? (env.API_CLIENT_ID ? 'oauth' : 'iam');
  if (kind !== 'iam' && kind !== 'oauth') throw new Error(`--auth must be iam or oauth (got ${kind})`);
  const region = values.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION;
  const outputs = values.url && (kind === 'iam' || env.API_TOKEN_URL) ? {} : await stackOutputs(values.stack ?? DEFAULT_STACK_NAME, region);
  const url = values.url ?? outputs[kind === 'iam' ? 'ApiUrl' : 'OAuthApiUrl'];
  if (!url) throw new Error(`the stack has no ${kind === 'iam' ? 'ApiUrl' : 'OAuthApiUrl'} output (deployed with apiAuth ${kind === 'iam' ? 'iam' : 'oauth'}?): give --url`);

  let auth: CliAuth;
  if (kind === 'iam') {
    auth = { kind, credentials: fromNodeProviderChain(), region };
  } else {
    const tokenUrl = env.API_TOKEN_URL ?? outputs.OAuthTokenUrl;
    if (!env.API_CLIENT_ID || !env.API_CLIENT_SECRET) throw new Error('--auth oauth needs API_CLIENT_ID and API_CLIENT_SECRET in the environment');
    if (!tokenUrl) throw new Error('no token URL: set API_TOKEN_URL (an external issuer) or deploy with the Cognito issuer (OAuthTokenUrl)');
    auth = { kind, tokenUrl, clientId: env.API_CLIENT_ID, clientSecret: env.API_CLIENT_SECRET, scope: env.API_SCOPE };
  }
  const res = await callAndFollow(apiCaller(url, auth), method.toUpperCase(), path, data, {
    follow: !values['no-follow'],
    progress: (line) => console.error(line),
  });
  console.error(`HTTP ${res.status}`);
  if (res.body !== undefined) console.log(typeof res.body === 'string' ? res.body : JSON.stringify(res.body, null, 2));
  return res.status >= 400 ? 1 : 0;
}

async function stackOutputs(stackName: string, region: string | undefined): Promise<Record<string, string>> {
  const client = new CloudFormationClient(region ? { region } : {});
  const { Stacks } = await client.send(new DescribeStacksCommand({ StackName: stackName }));
  return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`npm run api: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
