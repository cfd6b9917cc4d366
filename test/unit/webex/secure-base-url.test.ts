import type { Context } from 'aws-lambda';
import { createHandler } from '../../../functions/rotate-tokens/handler';
import { WebexClient } from '../../../functions/lib/webex/client';
import { StaticTokenProvider } from '../../../functions/lib/webex/token-provider';
import type { VersionedSecretStore } from '../../../functions/lib/tokens/secret-store';

const client = (baseUrl: string) => new WebexClient({ baseUrl, tokenProvider: new StaticTokenProvider('t') });

describe('credentials only over https (http only to this machine)', () => {
  it.each(['http://webexapis.com/v1', 'http://10.0.0.5:8080', 'http://127.0.0.1.example.com', 'ftp://webexapis.com/v1', 'not a url'])(
    'a Webex client for %s is refused before anything is sent',
    (baseUrl) => {
      expect(() => client(baseUrl)).toThrow(expect.objectContaining({ name: 'ConfigurationError', message: expect.stringMatching(/https|not a URL/) }));
    },
  );

  it.each(['https://webexapis.com/v1', 'http://127.0.0.1:4010', 'http://localhost:4010/v1', 'http://[::1]:4010'])('%s is allowed', (baseUrl) => {
    expect(() => client(baseUrl)).not.toThrow();
  });

  it('npm run rotate and the rotator refuse to send the client secret and refresh token over plain http', async () => {
    const store = { read: jest.fn(), write: jest.fn(), readVersion: jest.fn(), writeVersion: jest.fn() } as unknown as VersionedSecretStore;
    const rotate = createHandler({ env: () => ({ WEBEX_BASE_URL: 'http://webexapis.com/v1' }), secretStore: () => store });
    await expect(rotate({}, { functionName: 'RotateTokens', awsRequestId: 'test' } as Context)).rejects.toMatchObject({ name: 'ConfigurationError' });
    expect(store.readVersion).not.toHaveBeenCalled();
    expect(store.read).not.toHaveBeenCalled();
  });
});
