import { RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import { PACE_KEY } from '../../functions/lib/activity/keys';
import { ACTIVITY_TABLE } from '../../functions/lib/activity/table';
import { DEFAULT_ACTIVITY_RETENTION_DAYS } from '../../functions/lib/activity/settings';
import type { EnvName } from '../../functions/lib/config';
import { acknowledge } from '../nag';

export interface ActivityTableProps {
  /** Days an item is kept before DynamoDB's TTL removes it (context `activityRetentionDays`). @default 400 */
  readonly retentionDays?: number;
}

/**
 * The activity table: one record per user a workflow run touched, the recent bulk runs and plans (the key design
 * is functions/lib/activity/keys.ts, the shape ACTIVITY_TABLE). On-demand, point-in-time recovery, TTL on
 * `expiresAt` for the retention the stack sets, a stream of new and old images (the SCIM writes' consumer reads it);
 * kept when the stack is deleted (it is the audit trail).
 * Functions are granted per use: the steps that record may put and update items, the routes that list may query.
 */
export class ActivityTable extends Construct {
  public readonly table: dynamodb.TableV2;
  public readonly retentionDays: number;

  constructor(scope: Construct, id: string, props: ActivityTableProps = {}) {
    super(scope, id);
    this.retentionDays = validateRetentionDays(props.retentionDays ?? DEFAULT_ACTIVITY_RETENTION_DAYS);
    const t = ACTIVITY_TABLE;
    const key = (name: string) => ({ name, type: dynamodb.AttributeType.STRING });
    this.table = new dynamodb.TableV2(this, 'Table', {
      partitionKey: key(t.partitionKey),
      sortKey: key(t.sortKey),
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: t.timeToLiveAttribute,
      globalSecondaryIndexes: t.globalSecondaryIndexes.map((g) => ({ indexName: g.indexName, partitionKey: key(g.partitionKey), sortKey: key(g.sortKey) })),
      removalPolicy: RemovalPolicy.RETAIN,
      // A SCIM write's stored item is its acceptance: the stream hands it, with what it replaced, to the consumer
      // that starts its apply (constructs/scim-write-stream.ts), so no route waits on Step Functions.
      dynamoStream: dynamodb.StreamViewType.NEW_AND_OLD_IMAGES,
    });
  }

  /** The variables a function using the table reads (activity/settings.ts). */
  environment(): Record<Extract<EnvName, 'ACTIVITY_TABLE_NAME' | 'ACTIVITY_RETENTION_DAYS'>, string> {
    return { ACTIVITY_TABLE_NAME: this.table.tableName, ACTIVITY_RETENTION_DAYS: String(this.retentionDays) };
  }

  /** Records runs: PutItem and UpdateItem (conditional), nothing else; no read, no delete. */
  grantRecord(grantee: iam.IGrantable): void {
    // On the table only: writes never touch an index's ARN (CDK's table.grant would add /index/*).
    iam.Grant.addToPrincipal({ grantee, actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], resourceArns: [this.table.tableArn] });
  }

  /**
   * The SCIM routes: their resources and unique-value markers (GetItem, conditional PutItem/UpdateItem/DeleteItem),
   * Query by e-mail and on the index's list; no Scan, no BatchWrite. SCIM items live in the same table under their
   * own key prefixes (activity/keys.ts).
   */
  grantScim(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({ grantee, actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'], resourceArns: [this.table.tableArn] });
    this.grantQuery(grantee);
  }

  /**
   * The pacing budget: GetItem and PutItem on its one item (PACE#…, functions/lib/activity/keys.ts), through the
   * LeadingKeys condition: no other item may be read or replaced this way.
   */
  grantPace(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem'],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PACE_KEY.pk] } },
    });
  }

  /** Reads the pacing budget (a running job's progress): GetItem on its one item, nothing else. */
  grantPaceRead(grantee: iam.IGrantable): void {
    iam.Grant.addToPrincipal({
      grantee,
      actions: ['dynamodb:GetItem'],
      resourceArns: [this.table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [PACE_KEY.pk] } },
    });
  }

  /** Lists: Query on the table and its index; no Scan, no GetItem, no write. */
  grantQuery(grantee: iam.IGrantable): void {
    this.table.grant(grantee, 'dynamodb:Query');
    acknowledge(grantee.grantPrincipal as unknown as IConstruct, {
      [`IAM5[Resource::<${this.tableLogicalRef()}.Arn>/index/*]`]: 'Query on the activity table\'s own indexes (CDK grants the table\'s index ARNs with /index/*); no other table.',
    });
  }

  private tableLogicalRef(): string {
    const stack = Stack.of(this);
    return stack.resolve(stack.getLogicalId(this.table.node.defaultChild as dynamodb.CfnGlobalTable)) as string;
  }
}

function validateRetentionDays(days: number): number {
  if (!(Number.isInteger(days) && days > 0 && days <= 36_500)) throw new Error(`activityRetentionDays must be a whole number of days from 1 to 36500 (got ${days})`);
  return days;
}
