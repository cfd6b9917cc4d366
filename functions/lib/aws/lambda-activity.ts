import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { activitySettings } from '../activity/settings';
import { once } from '../config';
import { logger } from '../logger';
import { PacingBudget } from '../pacing/budget';
import { pacingSettings } from '../pacing/settings';
import type { Deps } from '../runtime/deps';
import { DynamoActivityStore } from './dynamodb-activity-store';
import { DynamoScimStore } from './dynamodb-scim-store';
import { DynamoPaceStore } from './dynamodb-pace-store';
import { emfRunProgressMetrics } from './emf-run-progress-metrics';
import { emfPaceMetrics } from './emf-pace-metrics';
import { lambdaEnv } from './lambda-env';

/**
 * One DynamoDB client per container, made on first use: the activity store's, the pacing budget's and the SCIM store's.
 * Its defaults are what a warm container wants: the SDK's HTTP handler keeps its sockets alive (50 at most), the
 * credentials and region come from the Lambda environment once. `cacheMiddleware` (the middleware stack resolved once
 * per command class) is not set: the DynamoDBDocumentClient the stores use refuses it.
 */
const dynamoClient = once(() => new DynamoDBClient({}));

/** A Lambda's activity store: the table from ACTIVITY_TABLE_NAME; each record a bulk run's or an apply's child newly writes counted on the dashboard (EMF). */
export const lambdaActivity: Pick<Deps, 'activity'> = {
  activity: once(() => new DynamoActivityStore({ client: dynamoClient(), ...activitySettings(lambdaEnv()), recorded: emfRunProgressMetrics() })),
};

/** A Lambda's pacing budget: the same table's PACE# item, the controller's settings from the WEBEX_*_REQUESTS_PER_SECOND and WEBEX_INTERACTIVE_SHARE variables, its changes as EMF metrics. */
export const lambdaPacing: Pick<Deps, 'pacing'> = {
  pacing: once(() => new PacingBudget({
    store: new DynamoPaceStore({ client: dynamoClient(), tableName: activitySettings(lambdaEnv()).tableName }),
    settings: pacingSettings(lambdaEnv()),
    log: logger,
    metrics: emfPaceMetrics(),
  })),
};

/** A Lambda's SCIM store: the same table. */
export const lambdaScim: Pick<Deps, 'scim'> = {
  scim: once(() => new DynamoScimStore({ client: dynamoClient(), ...activitySettings(lambdaEnv()) })),
};
