import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from './secret-store';
import { parseServiceAppSecret, type ServiceAppSecret } from './service-app-secret';

/**
 * The local runtime's stand-in for Secrets Manager: one JSON file, readable by its owner only,
 * replaced atomically (write then rename) so a crash mid-write never leaves half a refresh token.
 */
export class FileSecretStore implements SecretStore {
  constructor(readonly path: string) {}

  async read(): Promise<ServiceAppSecret | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    return parseServiceAppSecret(text, this.path);
  }

  async write(secret: ServiceAppSecret): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(secret, null, 2), { mode: 0o600 });
    await rename(temp, this.path);
  }
}
