import { readFile } from 'node:fs/promises';
import { localTokenProvider, localWebexDeps } from '../../../functions/local/local-webex';
import { FileSecretStore } from '../../../functions/lib/tokens/file-secret-store';
import { SecretTokenProvider } from '../../../functions/lib/tokens/secret-token-provider';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import { tempFile } from '../../support/harness';
import { startScriptedServer, type ScriptedServer } from '../../support/scripted-http-server';
import { serviceAppSecret as secret } from '../../support/service-app-secret';

// The local runtime's composition of the Webex client (functions/local/local-webex.ts): a static token or the
// Service App secret in a file, against WEBEX_BASE_URL (npm start's simulator, or the Webex it is pointed at).
let webex: ScriptedServer;
beforeEach(async () => {
  webex = await startScriptedServer();
});
afterEach(() => webex.close());

describe('localTokenProvider', () => {
  it('takes WEBEX_ACCESS_TOKEN first, then the file store', () => {
    expect(localTokenProvider({ WEBEX_ACCESS_TOKEN: 't', WEBEX_TOKEN_FILE: '/tmp/x.json' })).toBeInstanceOf(StaticTokenProvider);
    expect(localTokenProvider({ WEBEX_TOKEN_FILE: '/tmp/x.json' })).toBeInstanceOf(SecretTokenProvider);
  });

  it('has no extension: a secret ARN alone is no local credential, and the error says what to set', () => {
    expect(() => localTokenProvider({ WEBEX_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:1:secret:x' })).toThrow(
      /No Webex credentials configured: set WEBEX_TOKEN_FILE or WEBEX_ACCESS_TOKEN/,
    );
  });
});

describe('localWebexDeps', () => {
  it('sends the file store\'s token to WEBEX_BASE_URL, one client for the runtime, and reads and writes the same file', async () => {
    const path = await tempFile('webex-secret.json');
    await new FileSecretStore(path).write(secret('file-token'));
    const deps = localWebexDeps(() => ({ WEBEX_BASE_URL: `${webex.url}/v1`, WEBEX_TOKEN_FILE: path }));
    webex.script([{ status: 200, body: { id: 'P1' } }]);

    expect(deps.webex()).toBe(deps.webex());
    await deps.webex().request('GET', '/people/P1');
    expect(webex.requests.map((r) => [r.url, r.headers.authorization])).toEqual([['/v1/people/P1', 'Bearer file-token']]);

    await expect(deps.webexSecret()!.read()).resolves.toMatchObject({ accessToken: 'file-token' });
    const store = deps.secretStore();
    await store.writeVersion(secret('rotated-token'), 'request-1');
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ accessToken: 'rotated-token' });
  });

  it('with a static token there is no secret to report, and the rotator has no store until a file is named', () => {
    const deps = localWebexDeps(() => ({ WEBEX_ACCESS_TOKEN: 'dev-token' }));
    expect(deps.webexSecret()).toBeUndefined();
    expect(() => deps.secretStore()).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringMatching(/WEBEX_TOKEN_FILE/) }));
  });
});
