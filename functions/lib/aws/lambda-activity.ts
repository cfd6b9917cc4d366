import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { activitySettings } from '../activity/settings';
import { once } from '../config';
import type { Deps } from '../runtime/deps';
import { DynamoActivityStore } from './dynamodb-activity-store';
import { DynamoScimStore } from './dynamodb-scim-store';
import { lambdaEnv } from './lambda-env';

/** A Lambda's activity store: one DynamoDB client on first use, kept while warm; the table from ACTIVITY_TABLE_NAME. */
export const lambdaActivity: Pick<Deps, 'activity'> = {
  activity: once(() => new DynamoActivityStore({ client: new DynamoDBClient({}), ...activitySettings(lambdaEnv()) })),
};

/** A Lambda's SCIM store: the same table, its own DynamoDB client on first use. */
export const lambdaScim: Pick<Deps, 'scim'> = {
  scim: once(() => new DynamoScimStore({ client: new DynamoDBClient({}), ...activitySettings(lambdaEnv()) })),
};
