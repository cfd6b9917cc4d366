// A namespace import lets esbuild drop what is unused (zod's locales alone are ~200 KB).
import * as z from 'zod';
import { connectionHealth } from '../lib/connection/connection-health';
import { workflowHandler } from '../lib/http/api-handler';
import { SecretUnavailableError } from '../lib/errors';
import { secretReaderFromEnv } from '../lib/tokens/secret-reader-from-env';
import { ENV } from '../lib/tokens/service-app-secret';

/** GET /connection — health of the Webex connection: organisation, expiry times, last rotation. */
export const handler = workflowHandler({
  input: z.strictObject({}),
  run: async () => {
    if (process.env[ENV.accessToken]) {
      return { statusCode: 200, body: { status: 'static-token', message: 'Using a static WEBEX_ACCESS_TOKEN; no Service App is connected' } };
    }
    const reader = secretReaderFromEnv();
    try {
      return { statusCode: 200, body: connectionHealth(reader ? await reader.read() : undefined) };
    } catch (error) {
      // The stack creates the secret with empty placeholders: that is "not connected yet", not a fault.
      if (!(error instanceof SecretUnavailableError)) throw error;
      return { statusCode: 200, body: { ...connectionHealth(undefined), message: `Not connected: ${error.message}` } };
    }
  },
});
