import type { ServiceAppSecret } from '../../functions/lib/tokens/service-app-secret';

/** A complete Service App secret whose values are easy to search for in messages and logs. */
export const serviceAppSecret = (accessToken: string): ServiceAppSecret => ({
  clientId: 'client-id',
  clientSecret: 'client-secret-value',
  accessToken,
  refreshToken: 'refresh-token-value',
});
