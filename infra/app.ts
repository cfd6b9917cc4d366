/**
 * The CDK app (cdk.json runs it with `npx tsx infra/app.ts`). Environment-agnostic: no account, region or
 * lookups, so `npx cdk synth` works offline and without credentials; the account and region come from the
 * credentials used at deploy time.
 *
 * Configuration comes from CDK context, e.g.
 *   npx cdk deploy -c webexBaseUrl=https://… -c existingSecretArn=arn:aws:secretsmanager:… \
 *     -c apiThrottle='{"rateLimit":5,"burstLimit":10}' -c logRetentionDays=365
 * infra/context.ts declares each key, its default and what it does (docs/configuration.md shows them as a table).
 */
import { App, Tags } from 'aws-cdk-lib';
import { configFromContext } from './config';
import { WebexProvisioningStack } from './webex-provisioning-stack';

const app = new App();
const { stackName, stackProps } = configFromContext(app.node);
const stack = new WebexProvisioningStack(app, stackName, { ...stackProps, stackName });
Tags.of(stack).add('application', 'webex-provisioning');
app.synth();
