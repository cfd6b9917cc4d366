import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, PutSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { SecretsManagerScimTokenStore } from '../../../functions/lib/aws/secrets-manager-scim-token-store';
import { FileScimTokenStore } from '../../../functions/lib/scim-auth/file-scim-token-store';
import { DEFAULT_GRACE_HOURS, SCIM_TOKEN_PREFIX, parseScimTokenSecret, rotateScimToken, scimTokenMatches, tokenDigest } from '../../../functions/lib/scim-auth/scim-token';
import { cachedScimTokenReader, rotateStoredScimToken } from '../../../functions/lib/scim-auth/scim-token-store';

const T0 = new Date('2026-12-01T10:00:00Z');
const hours = (h: number) => new Date(T0.getTime() + h * 3_600_000);

describe('the SCIM token', () => {
  it('is 256 random bits, base64url after its prefix, and the secret holds its SHA-256 digest only', () => {
    const { token, secret } = rotateScimToken(undefined, { now: T0 });
    expect(token.startsWith(SCIM_TOKEN_PREFIX)).toBe(true);
    const body = token.slice(SCIM_TOKEN_PREFIX.length);
    expect(body).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(body, 'base64url')).toHaveLength(32);
    expect(secret).toEqual({ version: 1, current: { sha256: tokenDigest(token), createdAt: T0.toISOString() } });
    expect(JSON.stringify(secret)).not.toContain(body);
    expect(rotateScimToken(undefined, { now: T0 }).token).not.toBe(token);
  });

  it('accepts the current token, and nothing else: not a prefix of it, not a longer one, not another token', () => {
    const { token, secret } = rotateScimToken(undefined, { now: T0 });
    expect(scimTokenMatches(secret, token, T0)).toBe(true);
    for (const wrong of [token.slice(0, -1), `${token}x`, rotateScimToken(undefined, { now: T0 }).token, '', SCIM_TOKEN_PREFIX]) {
      expect(scimTokenMatches(secret, wrong, T0)).toBe(false);
    }
    expect(scimTokenMatches(undefined, token, T0)).toBe(false);
  });

  it(`a rotation keeps the replaced token valid for the grace period (default ${DEFAULT_GRACE_HOURS} h), then drops it`, () => {
    const first = rotateScimToken(undefined, { now: T0 });
    const second = rotateScimToken(first.secret, { now: T0 });
    expect(second.previousValidUntil).toBe(hours(DEFAULT_GRACE_HOURS).toISOString());
    expect(scimTokenMatches(second.secret, second.token, T0)).toBe(true);
    expect(scimTokenMatches(second.secret, first.token, hours(DEFAULT_GRACE_HOURS - 1))).toBe(true);
    expect(scimTokenMatches(second.secret, first.token, hours(DEFAULT_GRACE_HOURS))).toBe(false);
    // Rotating again drops the oldest at once: one previous token at most.
    const third = rotateScimToken(second.secret, { now: hours(1) });
    expect(scimTokenMatches(third.secret, first.token, hours(2))).toBe(false);
    expect(scimTokenMatches(third.secret, second.token, hours(2))).toBe(true);
  });

  it('--grace-hours 0 revokes the replaced token at once; a grace outside 0–720 h is refused', () => {
    const first = rotateScimToken(undefined, { now: T0 });
    const revoked = rotateScimToken(first.secret, { now: T0, graceHours: 0 });
    expect(revoked.secret.previous).toBeUndefined();
    expect(scimTokenMatches(revoked.secret, first.token, T0)).toBe(false);
    expect(() => rotateScimToken(first.secret, { now: T0, graceHours: -1 })).toThrow(/graceHours/);
    expect(() => rotateScimToken(first.secret, { now: T0, graceHours: 721 })).toThrow(/graceHours/);
  });

  it("reads a stored secret, and anything else (the stack's placeholder, other JSON, a bad digest) as no token", () => {
    const { secret } = rotateScimToken(rotateScimToken(undefined, { now: T0 }).secret, { now: T0 });
    expect(parseScimTokenSecret(JSON.stringify(secret))).toEqual(secret);
    for (const text of [undefined, '', '{"version":0}', 'not json', '{"version":1,"current":{"sha256":"abc","createdAt":"x"}}', JSON.stringify({ ...secret, version: 2 })]) {
      expect(parseScimTokenSecret(text)).toBeUndefined();
    }
  });
});

describe('the cached reader', () => {
  it('reads once per TTL, and does not keep a failed read', async () => {
    let now = 0;
    let reads = 0;
    let fail = false;
    const read = cachedScimTokenReader(async () => {
      reads++;
      if (fail) throw new Error('down');
      return undefined;
    }, { ttlMs: 1000, now: () => now });
    await read();
    await read();
    expect(reads).toBe(1);
    now = 1000;
    fail = true;
    await expect(read()).rejects.toThrow('down');
    fail = false;
    await read();
    expect(reads).toBe(3);
  });
});

describe('the stores', () => {
  const sm = mockClient(SecretsManagerClient);
  beforeEach(() => sm.reset());

  it('Secrets Manager: rotates from the stored digests and writes digests only (never the token)', async () => {
    const first = rotateScimToken(undefined, { now: T0 });
    sm.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(first.secret) });
    sm.on(PutSecretValueCommand).resolves({});
    const { token, previousValidUntil } = await rotateStoredScimToken(new SecretsManagerScimTokenStore('arn:scim', sm as unknown as SecretsManagerClient), { now: T0, graceHours: 24 });
    expect(previousValidUntil).toBe(hours(24).toISOString());
    const put = sm.commandCalls(PutSecretValueCommand)[0].args[0].input;
    expect(put.SecretId).toBe('arn:scim');
    expect(put.SecretString).not.toContain(token.slice(SCIM_TOKEN_PREFIX.length));
    const written = parseScimTokenSecret(put.SecretString)!;
    expect(scimTokenMatches(written, token, T0)).toBe(true);
    expect(scimTokenMatches(written, first.token, T0)).toBe(true);
  });

  it("Secrets Manager: the stack's placeholder, or no secret yet, is a first token", async () => {
    sm.on(GetSecretValueCommand).resolvesOnce({ SecretString: '{"placeholder":"run npm run scim-token"}' }).rejects(new ResourceNotFoundException({ message: 'no', $metadata: {} }));
    sm.on(PutSecretValueCommand).resolves({});
    const store = new SecretsManagerScimTokenStore('arn:scim', sm as unknown as SecretsManagerClient);
    expect((await rotateStoredScimToken(store)).previousValidUntil).toBeUndefined();
    expect((await rotateStoredScimToken(store)).previousValidUntil).toBeUndefined();
  });

  it('the local file: owner-only, digests only, read back as written', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scim-token-')), 'scim-token.json');
    const store = new FileScimTokenStore(path);
    expect(await store.read()).toBeUndefined();
    const { token } = await rotateStoredScimToken(store, { now: T0 });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toContain(token.slice(SCIM_TOKEN_PREFIX.length));
    expect(scimTokenMatches(await store.read(), token, T0)).toBe(true);
  });
});
