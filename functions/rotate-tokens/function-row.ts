import { defineFunctionRow } from '../lib/runtime/function-row';

/**
 * The token rotator (infra/constructs/token-rotation.ts). Both its requests go through the Webex client: the
 * refresh (the OAuth endpoint, webex/oauth.ts), then one read with the new access token to prove it works before
 * the previous refresh token is dropped (the licenses: any admin token may read them).
 */
export const functionRow = defineFunctionRow({
  id: 'RotateTokens',
  entry: 'functions/rotate-tokens/handler.ts',
  trigger: 'EventBridge Scheduler',
  webex: {
    calls: ['POST /access_token', 'GET /licenses'],
    when: {
      // Not connected yet, another run's lease, or a rotation within the last hour: nothing is refreshed.
      skipped: [],
      // Webex refused the current refresh token: the previous one, kept until a new access token has worked, is tried.
      previousRefreshToken: ['POST /access_token', 'POST /access_token', 'GET /licenses'],
    },
  },
  // The schedule's input (the handler reads nothing of it); the secret it rotates has never been rotated.
  sample: () => ({ event: { source: 'webex-provisioning.rotation-schedule' } }),
});
