import * as z from 'zod';
import type { WebexClient } from './client';

/** Webex's token response (webex-api.md §5.1/5.2). Lifetimes are read, never assumed. */
export const TokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
  // Cisco's sample keeps the old refresh token when none comes back; so do we.
  refresh_token: z.string().min(1).optional(),
  refresh_token_expires_in: z.number().positive().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
});
export type TokenResponse = z.infer<typeof TokenResponseSchema>;

export interface RefreshCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

/**
 * The Service App refresh: form-encoded POST /access_token. Resending it is allowed (`idempotent`):
 * the same refresh token is all we could send anyway, and Webex answers a refresh repeated within a
 * day with the same values.
 */
export async function refreshAccessToken(client: WebexClient, creds: RefreshCredentials): Promise<TokenResponse> {
  const res = await client.post('/access_token', {
    anonymous: true,
    idempotent: true,
    form: {
      grant_type: 'refresh_token',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
      refresh_token: creds.refreshToken,
    },
    schema: TokenResponseSchema,
  });
  return res.data;
}
