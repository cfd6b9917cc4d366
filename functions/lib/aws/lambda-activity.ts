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
import { lambdaEnv } from './lambda-env';

/** One DynamoDB client per container, made on first use: the activity store's, the pacing budget's and the SCIM store's. */
const dynamoClient = once(() => new DynamoDBClient({}));

/** A Lambda's activity store: the table from ACTIVITY_TABLE_NAME. */
export const lambdaActivity: Pick<Deps, 'activity'> = {
  activity: once(() => new DynamoActivityStore({ client: dynamoClient(), ...activitySettings(lambdaEnv()) })),
};

/** A Lambda's pacing budget: the same table's PACE# item, the controller's settings from the WEBEX_*_REQUESTS_PER_SECOND and WEBEX_INTERACTIVE_SHARE variables. */
export const lambdaPacing: Pick<Deps, 'pacing'> = {
  pacing: once(() => new PacingBudget({
    store: new DynamoPaceStore({ client: dynamoClient(), tableName: activitySettings(lambdaEnv()).tableName }),
    settings: pacingSettings(lambdaEnv()),
    log: logger,
  })),
};

/** A Lambda's SCIM store: the same table. */
export const lambdaScim: Pick<Deps, 'scim'> = {
  scim: once(() => new DynamoScimStore({ client: dynamoClient(), ...activitySettings(lambdaEnv()) })),
};
