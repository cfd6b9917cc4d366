import * as z from 'zod';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { lambdaWebexSecret } from '../lib/aws/lambda-secret-reader';
import { connectionHealth } from '../lib/connection/connection-health';
import { defineRoute, routeHandler } from '../lib/http/route';
import { SecretUnavailableError } from '../lib/errors';
import { ENV } from '../lib/tokens/service-app-secret';
import { ConnectionView } from '../lib/schemas/connection-answers';

/** GET /connection — health of the Webex connection: organisation, expiry times, last rotation. */
export const route = defineRoute({
  id: 'GetConnection', method: 'GET', path: '/connection', entry: 'functions/get-connection/handler.ts', scope: 'connection.read', summary: 'Webex connection health (never a token)',
  input: z.strictObject({}),
  needs: ['env', 'webexSecret'],
  responses: { 200: { description: 'The connection\'s health', body: ConnectionView } },
  run: async (_input, { env, webexSecret }) => {
    if (env()[ENV.accessToken]) {
      return { statusCode: 200, body: { status: 'static-token', message: 'Using a static WEBEX_ACCESS_TOKEN; no Service App is connected' } };
    }
    const reader = webexSecret();
    try {
      return { statusCode: 200, body: connectionHealth(reader ? await reader.read() : undefined) };
    } catch (error) {
      // The stack creates the secret with empty placeholders: that is "not connected yet", not a fault.
      if (!(error instanceof SecretUnavailableError)) throw error;
      return { statusCode: 200, body: { ...connectionHealth(undefined), message: `Not connected: ${error.message}` } };
    }
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, ...lambdaWebexSecret });
