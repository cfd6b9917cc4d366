import type { ServiceAppSecret } from '../lib/tokens/service-app-secret';
import { demoSeed, SIM_ACCESS_TOKEN, SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../simulator/seed';

/**
 * The Service App secret `npm start` stores for the built-in simulator, shaped like one `npm run connect`
 * writes: with the tokens' expiry times (those the demo seed gives them, counted from the simulator's
 * start), so GET /connection shows the expiry and days left as it does for a real Service App.
 */
export function demoServiceAppSecret(startedAt: Date = new Date()): ServiceAppSecret {
  const seed = demoSeed();
  const expiry = (seconds: number | undefined) => (seconds === undefined ? undefined : new Date(startedAt.getTime() + seconds * 1000).toISOString());
  return {
    orgName: 'Demo Org (simulator)',
    clientId: SIM_CLIENT_ID,
    clientSecret: SIM_CLIENT_SECRET,
    accessToken: SIM_ACCESS_TOKEN,
    refreshToken: SIM_REFRESH_TOKEN,
    accessTokenExpiresAt: expiry(seed.accessTokens.find((t) => t.token === SIM_ACCESS_TOKEN)?.expiresInSeconds),
    refreshTokenExpiresAt: expiry(seed.refreshTokens.find((t) => t.token === SIM_REFRESH_TOKEN)?.expiresInSeconds),
  };
}
