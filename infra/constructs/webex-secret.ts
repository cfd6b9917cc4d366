import { acknowledge } from '../nag';
import { RemovalPolicy, Resource, SecretValue, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

/**
 * What a newly created secret holds until an administrator runs `npm run connect`: the required keys of
 * ServiceAppSecretSchema with empty values. Empty, not dummy, values: they fail the schema, so every reader
 * reports the secret as incomplete instead of sending a made-up token to Webex (and GET /connection cannot
 * call a never-connected organisation healthy).
 *
 * FROZEN. CloudFormation rewrites a secret's value whenever this template property changes, so editing it (or
 * deriving it from the schema, which would change it when the schema changes) would overwrite the connected
 * token pair on the next deploy and disconnect the organisation. test/infra pins it.
 */
export const PLACEHOLDER_SECRET_TEMPLATE: Readonly<Record<string, string>> = Object.freeze({
  clientId: '',
  clientSecret: '',
  accessToken: '',
  refreshToken: '',
});

export interface WebexServiceAppSecretProps {
  /**
   * Complete ARN (with Secrets Manager's six-character suffix) of an existing Service App secret to use instead of
   * creating one: a secret kept from an earlier deployment, or one managed elsewhere.
   * @default - a new secret is created, holding PLACEHOLDER_SECRET_TEMPLATE until `npm run connect` fills it
   */
  readonly existingSecretArn?: string;

  /**
   * Customer-managed KMS key that encrypts the secret. For an imported secret, the key it is already encrypted
   * with, so readers are also granted `kms:Decrypt`.
   * @default - the AWS managed key `aws/secretsmanager`
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Description of a created secret.
   * @default 'Webex Service App credentials and token pair (webex-provisioning)'
   */
  readonly description?: string;
}

/**
 * The Webex Service App secret: Client ID and Secret plus the access/refresh token pair and their expiry times
 * (ServiceAppSecretSchema). Created for the administrator to fill, or imported by ARN. A created secret is
 * RETAINed when the stack (or this resource) goes away: losing the refresh token disconnects the organisation.
 */
export class WebexServiceAppSecret extends Construct {
  /** The secret; its ARN is what functions receive as `WEBEX_SECRET_ARN`. */
  public readonly secret: secretsmanager.ISecret;
  /** True when this construct created the secret, false when it was imported. */
  public readonly created: boolean;
  /** The customer-managed key encrypting the secret, when one was given. */
  public readonly encryptionKey?: kms.IKey;

  constructor(scope: Construct, id: string, props: WebexServiceAppSecretProps = {}) {
    super(scope, id);
    acknowledge(this, {
      SMG4: "Secrets Manager's own rotation is not used: the suite's token rotator (a scheduled Lambda, the secret's only writer) refreshes the Webex token pair every 12 hours, with leases, fallback and alarms.",
    });
    this.encryptionKey = props.encryptionKey;
    if (props.existingSecretArn) {
      this.created = false;
      this.secret = secretsmanager.Secret.fromSecretAttributes(this, 'Secret', {
        secretCompleteArn: props.existingSecretArn,
        encryptionKey: props.encryptionKey,
      });
    } else {
      this.created = true;
      this.secret = new secretsmanager.Secret(this, 'Secret', {
        description: props.description ?? 'Webex Service App credentials and token pair (webex-provisioning)',
        encryptionKey: props.encryptionKey,
        secretObjectValue: Object.fromEntries(
          Object.entries(PLACEHOLDER_SECRET_TEMPLATE).map(([key, value]) => [key, SecretValue.unsafePlainText(value)]),
        ),
        removalPolicy: RemovalPolicy.RETAIN,
      });
    }
  }

  /**
   * Lets `grantee` read the secret (`secretsmanager:GetSecretValue` and `DescribeSecret` on this secret only, plus
   * `kms:Decrypt` when a customer-managed key is known). Writing stays with the token rotator.
   */
  grantRead(grantee: iam.IGrantable): iam.Grant {
    const grant = this.secret.grantRead(grantee);
    const key = this.encryptionKey;
    if (key && !Resource.isOwnedResource(key)) {
      // For a key defined in this app, Secret.grantRead adds kms:Decrypt (via Secrets Manager) to the key policy.
      // For an imported key it silently cannot, so grant it on the reader's side; the key policy must allow IAM
      // policies to grant access (the default key policy does).
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['kms:Decrypt'],
        resourceArns: [key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
      });
    }
    return grant;
  }

  /**
   * Lets `grantee` store new versions (`secretsmanager:PutSecretValue` on this secret only, plus encrypting with
   * a customer-managed key through Secrets Manager). Meant for the token rotator alone; no UpdateSecret, so the
   * writer cannot change the secret's key, policy or rotation settings.
   */
  grantWrite(grantee: iam.IGrantable): iam.Grant {
    const grant = iam.Grant.addToPrincipal({
      grantee,
      actions: ['secretsmanager:PutSecretValue'],
      resourceArns: [this.secret.secretArn],
    });
    if (this.encryptionKey) {
      iam.Grant.addToPrincipal({
        grantee,
        actions: ['kms:GenerateDataKey', 'kms:Encrypt'],
        resourceArns: [this.encryptionKey.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(this).region}.amazonaws.com` } },
      });
    }
    return grant;
  }
}
