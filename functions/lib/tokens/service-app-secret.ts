import * as z from 'zod';
import { SecretUnavailableError } from '../errors';

/**
 * What the Service App secret holds (Secrets Manager in AWS, a JSON file locally). The rotator is its
 * only writer; expiry times are carried so health checks and alarms never need to call Webex.
 */
export const ServiceAppSecretSchema = z.object({
  orgName: z.string().optional(),
  orgId: z.string().optional(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  accessToken: z.string().min(1),
  /** ISO-8601 instant. */
  accessTokenExpiresAt: z.string().optional(),
  refreshToken: z.string().min(1),
  refreshTokenExpiresAt: z.string().optional(),
  /** Kept until the new access token has worked once (Webex does not say whether the old one stays valid). */
  previousRefreshToken: z.string().optional(),
  /** True once the access token from the last refresh has worked against Webex. */
  verified: z.boolean().optional(),
  lastRotation: z
    .object({ at: z.string(), outcome: z.enum(['succeeded', 'failed', 'skipped']), reason: z.string().optional() })
    .optional(),
  /** Held by the one rotation in progress; see VersionedSecretStore. */
  rotationLease: z.object({ id: z.string(), expiresAt: z.string() }).optional(),
});

export type ServiceAppSecret = z.infer<typeof ServiceAppSecretSchema>;

/** Environment variables the workflow functions read. */
export const ENV = {
  baseUrl: 'WEBEX_BASE_URL',
  accessToken: 'WEBEX_ACCESS_TOKEN',
  secretArn: 'WEBEX_SECRET_ARN',
  /** `extension`: read WEBEX_SECRET_ARN through the AWS Parameters and Secrets Lambda Extension (set by the stack). */
  secretReader: 'WEBEX_SECRET_READER',
  tokenFile: 'WEBEX_TOKEN_FILE',
} as const;

/** The value of WEBEX_SECRET_READER for functions that read the secret through the extension. */
export const READ_SECRET_THROUGH_EXTENSION = 'extension';

/** Parses a stored secret; errors say where it came from and which fields are wrong, never the values. */
export function parseServiceAppSecret(text: string, where: string): ServiceAppSecret {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // No cause: the parser's message quotes the text, which is the secret.
    throw new SecretUnavailableError(`The Webex Service App secret in ${where} is not valid JSON`);
  }
  if (holdsNoCredentials(json)) {
    throw new SecretUnavailableError(`The Webex Service App secret in ${where} is not connected yet: run npm run connect (see README)`, true);
  }
  const parsed = ServiceAppSecretSchema.safeParse(json);
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(root)'))].join(', ');
    throw new SecretUnavailableError(`The Webex Service App secret in ${where} is incomplete or malformed (fields: ${fields})`);
  }
  return parsed.data;
}

const CREDENTIAL_KEYS = ['clientId', 'clientSecret', 'accessToken', 'refreshToken'] as const;

/** The stack's placeholder (infra/constructs/webex-secret.ts): an object whose credentials are all absent or empty. */
function holdsNoCredentials(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return false;
  const record = json as Record<string, unknown>;
  return CREDENTIAL_KEYS.every((key) => record[key] === undefined || record[key] === '');
}
