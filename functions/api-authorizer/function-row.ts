import { defineFunctionRow } from '../lib/runtime/function-row';
import { rotateScimToken } from '../lib/scim-auth/scim-token';
import type { handler } from './handler';

/** The fields of API Gateway's REQUEST authorizer event the handler reads (request-authorizer.ts). */
type AuthorizerEvent = Pick<Parameters<typeof handler>[0], 'type' | 'methodArn' | 'resource' | 'path' | 'httpMethod' | 'headers'>;

/**
 * The Lambda authorizer of the OAuth and SCIM APIs (infra/constructs/workflow-api.ts): no Webex request. Its sample
 * is the stack's default (apiAuth iam), where it guards the SCIM API only: the SCIM token, checked against the
 * secret's digest read through the extension. The OAuth path's cold start is `npm run bench -- authorizer`.
 */
export const functionRow = defineFunctionRow({
  id: 'Authorizer',
  entry: 'functions/api-authorizer/handler.ts',
  trigger: 'API Gateway authorizer',
  sample: () => {
    const { token, secret } = rotateScimToken(undefined, { now: new Date() });
    // What API Gateway sends a REQUEST authorizer for a SCIM route: the bearer token, the method and the resource.
    const event = {
      type: 'REQUEST', methodArn: 'arn:aws:execute-api:us-east-1:123456789012:c01d5tart/v1/POST/scim/v2/Users', resource: '/scim/v2/Users', path: '/scim/v2/Users',
      httpMethod: 'POST', headers: { Authorization: `Bearer ${token}` }, requestContext: { requestId: 'cold-start' },
    } satisfies AuthorizerEvent & { requestContext: { requestId: string } };
    return { event, secrets: { SCIM_TOKEN_SECRET_ARN: JSON.stringify(secret) } };
  },
});
