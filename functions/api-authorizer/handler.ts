import { lambdaEnv } from '../lib/aws/lambda-env';
import { authorizerSettings, requestAuthorizer } from '../lib/http/request-authorizer';
import { tokenVerifier } from '../lib/http/bearer-auth';
import { once } from '../lib/config';

/**
 * The Lambda authorizer of the OAuth and SCIM APIs. No middy or Powertools here: it runs before every uncached request, so its
 * cold start is kept to aws-jwt-verify's (bench: `npm run bench -- authorizer`). The verifier, made once per
 * container, keeps the issuer's JWKS.
 */
const authorize = once(() => {
  const settings = authorizerSettings(lambdaEnv());
  // No issuer under apiAuth iam: the SCIM API then takes the SCIM token only.
  const verifier = settings.issuer && tokenVerifier(settings.issuer);
  // Read the JWKS (and the SCIM token's digests) during init, as aws-jwt-verify advises for Lambda: it overlaps the
  // runtime's own start-up, and a provisioned-concurrency container has them before its first request. A failure
  // here is not final (neither is cached): the first request reads again and answers for itself.
  verifier?.hydrate().catch(() => undefined);
  settings.scimTokens?.().catch(() => undefined);
  return requestAuthorizer(settings, verifier);
});

try {
  authorize();
} catch {
  // A configuration error (a variable missing): the invocation meets it again, and API Gateway answers 500.
}

export const handler = (event: Parameters<ReturnType<typeof requestAuthorizer>>[0]) => authorize()(event);
