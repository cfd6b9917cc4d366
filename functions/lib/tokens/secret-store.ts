import type { ServiceAppSecret } from './service-app-secret';

/** What a workflow function needs of the Service App secret: reading it. */
export interface SecretReader {
  /** The current secret, or undefined when none has been stored yet. */
  read(): Promise<ServiceAppSecret | undefined>;
}

/**
 * Where the Service App secret lives: Secrets Manager in AWS, a JSON file for the local runtime.
 * Workflow functions only read; the rotator (and the connect command) write.
 */
export interface SecretStore extends SecretReader {
  write(secret: ServiceAppSecret): Promise<void>;
}

export interface SecretVersion {
  secret: ServiceAppSecret;
  versionId: string;
}

/**
 * A store that can act as a compare-and-swap register, which is what keeps two rotations from both
 * refreshing: writes carry a client request token derived from the version they replace, and a second
 * writer with the same token but other content is refused (Secrets Manager's PutSecretValue semantics).
 */
export interface VersionedSecretStore extends SecretStore {
  readVersion(): Promise<SecretVersion | undefined>;
  /**
   * Writes a new current version. Idempotent per `requestToken` (a retry with the same content is a
   * no-op); throws `SecretWriteConflictError` when the token was already used for other content.
   */
  writeVersion(secret: ServiceAppSecret, requestToken: string): Promise<string>;
}

export class SecretWriteConflictError extends Error {
  override readonly name = 'SecretWriteConflictError';
}
