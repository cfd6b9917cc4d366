import { Aws, Fn, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { API_SCOPES, RESOURCE_SERVER, SCOPE_DESCRIPTIONS, type ApiScope } from '../../functions/lib/http/scopes';
import { acknowledge } from '../nag';

/** A confidential OAuth client of the API, as context `apiClients` lists it: `{"name":"jira","scopes":["users.read"]}`. */
export interface ApiClientSettings {
  readonly name: string;
  readonly scopes: readonly ApiScope[];
}

export interface CognitoApiIssuerProps {
  readonly clients: readonly ApiClientSettings[];
  /**
   * The prefix of the Cognito domain serving /oauth2/token (`<prefix>.auth.<region>.amazoncognito.com`), unique
   * in the region across all AWS accounts.
   * @default '<stack name>-<account id>', lower-cased
   */
  readonly domainPrefix?: string;
}

const CLIENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$/;

/**
 * The authorization server of the OAuth API: a Cognito user pool with no users, only confidential app clients
 * (the client-credentials grant alone, one per entry of `apiClients`, each limited to its scopes) and the
 * resource server `webex-provisioning` whose scopes are the route rows' (functions/lib/http/scopes.ts).
 */
export class CognitoApiIssuer extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly clients: Readonly<Record<string, cognito.UserPoolClient>>;
  /** The client-credentials token endpoint. */
  public readonly tokenUrl: string;

  constructor(scope: Construct, id: string, props: CognitoApiIssuerProps) {
    super(scope, id);
    const names = new Set<string>();
    for (const client of props.clients) {
      if (!CLIENT_NAME.test(client.name)) throw new Error(`apiClients: "${client.name}" must be letters, digits, "_" or "-" (at most 63)`);
      if (names.has(client.name)) throw new Error(`apiClients: ${client.name} is listed twice`);
      names.add(client.name);
      const unknown = client.scopes.filter((s) => !(API_SCOPES as readonly string[]).includes(s));
      if (unknown.length || !client.scopes.length) throw new Error(`apiClients: ${client.name} needs scopes among ${API_SCOPES.join(', ')} (got ${client.scopes.join(', ') || 'none'})`);
    }

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // Machine clients only: nobody signs up or signs in.
      selfSignUpEnabled: false,
      signInAliases: { username: true },
      accountRecovery: cognito.AccountRecovery.NONE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
    });
    const scopes = API_SCOPES.map((name) => new cognito.ResourceServerScope({ scopeName: name, scopeDescription: SCOPE_DESCRIPTIONS[name] }));
    const byName = new Map(API_SCOPES.map((name, i) => [name, scopes[i]]));
    const resourceServer = this.userPool.addResourceServer('ResourceServer', { identifier: RESOURCE_SERVER, userPoolResourceServerName: RESOURCE_SERVER, scopes });

    // The stack's name is literal at synth (infra/app.ts); the account id makes the prefix unique across accounts.
    const prefix = props.domainPrefix ?? Fn.join('-', [sanitize(Stack.of(this).stackName), Aws.ACCOUNT_ID]);
    const domain = this.userPool.addDomain('Domain', { cognitoDomain: { domainPrefix: prefix } });
    this.tokenUrl = `${domain.baseUrl()}/oauth2/token`;

    const clients: Record<string, cognito.UserPoolClient> = {};
    for (const client of props.clients) {
      clients[client.name] = this.userPool.addClient(`Client${client.name}`, {
        userPoolClientName: client.name,
        generateSecret: true,
        // No user sign-in of any kind: the client-credentials grant only.
        authFlows: {},
        oAuth: {
          flows: { clientCredentials: true },
          scopes: client.scopes.map((s) => cognito.OAuthScope.resourceServer(resourceServer, byName.get(s)!)),
        },
        supportedIdentityProviders: [],
        preventUserExistenceErrors: true,
        enableTokenRevocation: true,
      });
    }
    this.clients = clients;

    acknowledge(this, {
      COG1: 'No user ever has a password in this pool: it holds machine clients (client credentials) only, and sign-up is off.',
      COG2: 'MFA applies to users; this pool has none, only confidential app clients using the client-credentials grant.',
      COG3: 'Threat protection (advanced security) scores user sign-ins; client-credentials token requests have none to score.',
      COG8: 'The Plus feature plan adds threat protection for user sign-ins, of which this pool has none (machine clients only); Essentials covers the client-credentials grant.',
    });
  }
}

/** A Cognito domain prefix may hold lower-case letters, digits and hyphens, and not the words aws, amazon or cognito. */
function sanitize(name: string): string {
  return name.toLowerCase().replace(/aws|amazon|cognito/g, '').replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'webex-provisioning';
}
