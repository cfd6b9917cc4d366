import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

/**
 * What the secret holds until `npm run scim-token -- --secret-arn <ScimTokenSecretArn>` stores the first token's
 * digest: no token (scim-auth/scim-token.ts parses it as none), so every SCIM token is refused.
 *
 * FROZEN. CloudFormation rewrites a secret's value whenever this template property changes, which would revoke the
 * token Entra ID and Okta send on the next deploy. test/infra pins it.
 */
export const SCIM_TOKEN_PLACEHOLDER = '{"version":0,"note":"no SCIM token yet: run npm run scim-token -- --secret-arn <this ARN>"}';

/**
 * The SCIM bearer token's secret: the SHA-256 digests of the current token and of the one it replaced (valid for
 * a grace period), written by `npm run scim-token`, read by the API authorizer. Never the token itself.
 */
export class ScimTokenSecret extends Construct {
  public readonly secret: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.secret = new secretsmanager.Secret(this, 'Secret', {
      description: 'Digests of the SCIM bearer token Entra ID / Okta send (webex-provisioning; npm run scim-token)',
      secretStringValue: SecretValue.unsafePlainText(SCIM_TOKEN_PLACEHOLDER),
      // As the Webex secret: a replaced or deleted stack does not revoke the token Entra ID or Okta holds (it keeps
      // digests only, so keeping it exposes nothing). An e2e stack destroys it with everything else.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this, {
      SMG4: "Secrets Manager's own rotation is not used: a new SCIM token must be pasted into Entra ID or Okta by a person, so `npm run scim-token` rotates it (the replaced token stays valid for a grace period).",
    });
  }
}
