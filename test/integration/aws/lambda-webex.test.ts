import { extensionSecretReader } from '../../../functions/lib/aws/lambda-secret-reader';
import { lambdaTokenProvider, lambdaWebexDeps } from '../../../functions/lib/aws/lambda-webex';
import type { Env } from '../../../functions/lib/config';
import { ExtensionSecretReader } from '../../../functions/lib/tokens/extension-secret-reader';
import { SecretTokenProvider } from '../../../functions/lib/tokens/secret-token-provider';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { startFakeSecretsExtension, type FakeSecretsExtension } from '../../support/fake-secrets-extension';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';
import { serviceAppSecret as secret } from '../../support/service-app-secret';

// The Lambda composition of the Webex client (functions/lib/aws/lambda-webex.ts): the secret read through the
// Parameters and Secrets extension (a loopback stand-in), or a static token; nothing else.
const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:webex/provisioning-AbC123';

let extension: FakeSecretsExtension;
let webex: ScriptedServer;
beforeEach(async () => {
  extension = await startFakeSecretsExtension({ [ARN]: JSON.stringify(secret('access-1')) }, 'session-token-value');
  webex = await startScriptedServer();
});
afterEach(async () => {
  await extension.close();
  await webex.close();
});

const stackEnv = (): Env => ({
  WEBEX_BASE_URL: `${webex.url}/v1`,
  WEBEX_SECRET_ARN: ARN,
  WEBEX_SECRET_READER: 'extension',
  PARAMETERS_SECRETS_EXTENSION_HTTP_PORT: String(extension.port),
  AWS_SESSION_TOKEN: extension.sessionToken,
});

describe('extensionSecretReader', () => {
  it('reads WEBEX_SECRET_ARN through the extension when the stack says so, on its port, with the session token', async () => {
    const reader = extensionSecretReader(stackEnv());
    expect(reader).toBeInstanceOf(ExtensionSecretReader);
    await expect(reader!.read()).resolves.toEqual(secret('access-1'));
    expect(extension.requests).toEqual([{ secretId: ARN, token: 'session-token-value' }]);
  });

  it('refuses WEBEX_SECRET_ARN without the extension: workflow functions carry no Secrets Manager client', () => {
    expect(() => extensionSecretReader({ WEBEX_SECRET_ARN: ARN })).toThrow(/Parameters and Secrets Lambda Extension.*WEBEX_SECRET_READER=extension/);
  });

  it('is undefined for a function given no secret', () => {
    expect(extensionSecretReader({})).toBeUndefined();
  });
});

describe('lambdaTokenProvider', () => {
  it('takes a static WEBEX_ACCESS_TOKEN where the stack sets one, else the secret through the extension', () => {
    expect(lambdaTokenProvider({ ...stackEnv(), WEBEX_ACCESS_TOKEN: 't' })).toBeInstanceOf(StaticTokenProvider);
    expect(lambdaTokenProvider(stackEnv())).toBeInstanceOf(SecretTokenProvider);
  });

  it('has no file store: WEBEX_TOKEN_FILE is the local runtime\'s, and a Lambda without credentials names what to set', () => {
    expect(() => lambdaTokenProvider({ WEBEX_TOKEN_FILE: '/tmp/x.json' })).toThrow(/No Webex credentials configured: set WEBEX_SECRET_ARN or WEBEX_ACCESS_TOKEN/);
    expect(() => lambdaTokenProvider({})).toThrow(expect.objectContaining({ name: 'ConfigurationError' }));
  });
});

describe('lambdaWebexDeps', () => {
  it('reads nothing until first used, then keeps one client and one token cache while warm', async () => {
    const env = jest.fn(stackEnv);
    const deps = lambdaWebexDeps(env);
    expect(env).not.toHaveBeenCalled();
    webex.script([{ status: 200, body: { id: 'P1' } }, { status: 200, body: { id: 'P2' } }]);

    const client = deps.webex();
    expect(deps.webex()).toBe(client);
    await client.request('GET', '/people/P1');
    await deps.webex().request('GET', '/people/P2');

    expect(webex.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/v1/people/P1', 'Bearer access-1'],
      ['/v1/people/P2', 'Bearer access-1'],
    ]);
    // The token came through the extension once: the second request was served from the provider's cache.
    expect(extension.requests).toHaveLength(1);
  });

  it('fails with the ConfigurationError on every use while the function has no credentials (a failed build is not kept)', () => {
    const deps = lambdaWebexDeps(() => ({}));
    expect(() => deps.webex()).toThrow(/WEBEX_SECRET_ARN or WEBEX_ACCESS_TOKEN/);
    expect(() => deps.webex()).toThrow(/WEBEX_SECRET_ARN or WEBEX_ACCESS_TOKEN/);
    expect(deps.webexSecret()).toBeUndefined();
  });

  it('gives GET /connection the extension reader, never a Secrets Manager client', async () => {
    const reader = lambdaWebexDeps(stackEnv).webexSecret();
    expect(reader).toBeInstanceOf(ExtensionSecretReader);
    await expect(reader!.read()).resolves.toMatchObject({ accessToken: 'access-1' });
  });
});
