import type { ServiceAppSecret } from './service-app-secret';

/**
 * Where the Service App secret lives: Secrets Manager in AWS, a JSON file for the local runtime.
 * Workflow functions only read; the rotator (and the connect command) write.
 */
export interface SecretStore {
  /** The current secret, or undefined when none has been stored yet. */
  read(): Promise<ServiceAppSecret | undefined>;
  write(secret: ServiceAppSecret): Promise<void>;
}

/** Raised when the secret is missing or malformed; its message never quotes the secret's content. */
export class SecretUnavailableError extends Error {
  override readonly name = 'SecretUnavailableError';
}
