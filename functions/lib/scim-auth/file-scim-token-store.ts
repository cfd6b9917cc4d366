import { readOptionalFile, writeOwnerOnlyFile } from '../tokens/owner-only-file';
import { parseScimTokenSecret, type ScimTokenSecret } from './scim-token';
import type { ScimTokenStore } from './scim-token-store';

/** The local API's SCIM token secret: `npm run scim-token -- --local` writes it, `npm start` reads it (SCIM_TOKEN_FILE). */
export const DEFAULT_SCIM_TOKEN_FILE = '.local/scim-token.json';

export class FileScimTokenStore implements ScimTokenStore {
  constructor(readonly path: string) {}

  async read(): Promise<ScimTokenSecret | undefined> {
    return parseScimTokenSecret(await readOptionalFile(this.path));
  }

  async write(secret: ScimTokenSecret): Promise<void> {
    await writeOwnerOnlyFile(this.path, JSON.stringify(secret, null, 2));
  }
}
