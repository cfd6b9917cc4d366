import { createHash } from 'node:crypto';
import { readOptionalFile, writeOwnerOnlyFile } from './owner-only-file';
import { SecretWriteConflictError, type SecretVersion, type VersionedSecretStore } from './secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from './service-app-secret';

/**
 * The local runtime's stand-in for Secrets Manager: one JSON file (owner-only-file.ts: readable by its owner
 * only, replaced atomically, so a crash mid-write never leaves half a refresh token).
 * Versions mirror Secrets Manager's request-token semantics within one process.
 */
export class FileSecretStore implements VersionedSecretStore {
  private readonly usedTokens = new Map<string, string>();

  constructor(readonly path: string) {}

  async read(): Promise<ServiceAppSecret | undefined> {
    return (await this.readVersion())?.secret;
  }

  async readVersion(): Promise<SecretVersion | undefined> {
    const text = await readOptionalFile(this.path);
    if (text === undefined) return undefined;
    return { secret: parseServiceAppSecret(text, this.path), versionId: digest(text) };
  }

  async write(secret: ServiceAppSecret): Promise<void> {
    await writeOwnerOnlyFile(this.path, serialise(secret));
  }

  async writeVersion(secret: ServiceAppSecret, requestToken: string): Promise<string> {
    const text = serialise(secret);
    const previous = this.usedTokens.get(requestToken);
    if (previous !== undefined && previous !== text) {
      throw new SecretWriteConflictError('Another writer already replaced this version of the Webex secret');
    }
    this.usedTokens.set(requestToken, text);
    if (previous === undefined) await this.write(secret);
    return digest(text);
  }
}

const serialise = (secret: ServiceAppSecret) => JSON.stringify(secret, null, 2);
const digest = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);
