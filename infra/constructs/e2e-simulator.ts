import { Aspects, CfnResource, Duration, Fn, RemovalPolicy, type IAspect } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge, RUNTIME_REASON, XRAY_REASON } from '../nag';
import { WorkflowFunction } from './workflow-function';

/**
 * The e2e stack's Webex (`-c e2e=true`, `npm run e2e`): the built-in simulator as a Lambda behind a function URL,
 * which the stack's functions use as `webexBaseUrl`. The URL takes no AWS auth because our Webex client sends
 * Webex bearer tokens, not SigV4; the simulator checks those like Webex, and holds only made-up data. One
 * reserved environment, because the simulator's org lives in that environment's memory. Lambda keeps 100
 * executions unreserved, so e2e needs a concurrency quota of at least 101; `npm run e2e` checks it before deploying
 * (e2e/account-concurrency.ts) rather than letting CloudFormation fail on a new account's quota of 10 or 50.
 */
export class E2eSimulator extends Construct {
  public readonly function: WorkflowFunction;
  public readonly url: lambda.FunctionUrl;

  constructor(scope: Construct, id: string, props: { logRetention?: logs.RetentionDays } = {}) {
    super(scope, id);
    this.function = new WorkflowFunction(this, 'Simulator', {
      entry: 'functions/simulator/lambda.ts',
      description: 'e2e only: the built-in Webex simulator behind a function URL',
      logGroupRetention: props.logRetention,
      serviceName: 'webex-simulator',
      timeout: Duration.seconds(30),
      reservedConcurrentExecutions: 1,
    });
    this.url = this.function.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    acknowledge(this, { L1: RUNTIME_REASON, 'IAM5[Resource::*]': XRAY_REASON });
  }

  /** The simulator's Webex API base URL (the function URL ends in a slash). */
  get webexBaseUrl(): string {
    return Fn.join('', [this.url.url, 'v1']);
  }
}

/**
 * Everything of an e2e stack goes when it is destroyed (secret, bucket, log groups): it holds only test data.
 * Except the region's API Gateway account setting and the CloudWatch role it names: one setting per account and
 * Region serves every REST API there (docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html),
 * so deleting the role would stop the logging of every other API; they are kept, as CDK keeps them by default.
 */
export class DestroyOnDelete implements IAspect {
  visit(node: IConstruct): void {
    if (!(node instanceof CfnResource) || isRegionApiGatewaySetting(node)) return;
    node.applyRemovalPolicy(RemovalPolicy.DESTROY);
  }
}

/** The API's `AWS::ApiGateway::Account` and its CloudWatch role (RestApi's `Account` and `CloudWatchRole` children). */
export function isRegionApiGatewaySetting(node: CfnResource): boolean {
  if (node.cfnResourceType === 'AWS::ApiGateway::Account') return true;
  const owner = node.node.scope;
  return node.cfnResourceType === 'AWS::IAM::Role' && owner?.node.id === 'CloudWatchRole' && owner.node.scope instanceof apigateway.RestApiBase;
}

export function destroyEverythingOnDelete(scope: IConstruct): void {
  Aspects.of(scope).add(new DestroyOnDelete());
}
