import { lambdaEnv } from '../lib/aws/lambda-env';
import { authorizerSettings, requestAuthorizer } from '../lib/http/request-authorizer';
import { once } from '../lib/config';

/**
 * The OAuth API's Lambda authorizer. No middy or Powertools here: it runs before every uncached request, so its
 * cold start is kept to aws-jwt-verify's (bench: `npm run bench -- authorizer`). The verifier, made once per
 * container, keeps the issuer's JWKS.
 */
const authorize = once(() => requestAuthorizer(authorizerSettings(lambdaEnv())));

export const handler = (event: Parameters<ReturnType<typeof requestAuthorizer>>[0]) => authorize()(event);
