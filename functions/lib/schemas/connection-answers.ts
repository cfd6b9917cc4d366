import * as z from 'zod';

/**
 * What GET /connection answers: its row' responses declare these schemas, the OpenAPI document is built from them, and the
 * integration tests check every answer against that document. A module per kind of route, so that a function's
 * bundle carries only its own.
 */

/** GET /connection: expiry times and the last rotation, never a token. */
export const ConnectionView = z.object({
  status: z.enum(['healthy', 'refresh-token-expiring', 'access-token-expired', 'disconnected', 'not-connected', 'static-token']),
  organisation: z.object({ name: z.string().optional(), id: z.string().optional() }).optional(),
  accessTokenExpiresAt: z.string().optional(),
  refreshTokenExpiresAt: z.string().optional(),
  accessTokenDaysLeft: z.number().optional(),
  refreshTokenDaysLeft: z.number().optional(),
  lastRotation: z.looseObject({}).optional(),
  message: z.string(),
});
