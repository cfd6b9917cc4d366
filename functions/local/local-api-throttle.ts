/**
 * A Step Functions API action's throttle as AWS applies it: a token bucket per account and Region, each call
 * taking one token, refilled at a steady rate up to the bucket's size; a call finding it empty is refused with
 * ThrottlingException (HTTP 400), the code the AWS SDK's retry classifies as throttling.
 * docs.aws.amazon.com/step-functions/latest/dg/service-quotas.html#service-limits-api-action-throttling-general
 */
export interface ApiThrottleQuota {
  bucketSize: number;
  refillPerSecond: number;
}

/**
 * DescribeExecution outside us-east-1, us-west-2 and eu-west-1 (those three: 300 refilled at 15/s): the smaller
 * of the documented quotas, so what holds locally holds in every Region.
 */
export const DESCRIBE_EXECUTION_QUOTA: ApiThrottleQuota = { bucketSize: 250, refillPerSecond: 10 };

export class ApiThrottle {
  private tokens: number;
  private last: number;

  constructor(
    private readonly action: string,
    private readonly quota: ApiThrottleQuota,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = quota.bucketSize;
    this.last = now();
  }

  /** Takes a token, or throws ThrottlingException as the API answers when the bucket is empty. */
  take(): void {
    const at = this.now();
    this.tokens = Math.min(this.quota.bucketSize, this.tokens + ((at - this.last) / 1000) * this.quota.refillPerSecond);
    this.last = at;
    if (this.tokens < 1) {
      throw Object.assign(new Error(`Rate exceeded (${this.action})`), {
        name: 'ThrottlingException',
        $fault: 'client',
        $metadata: { httpStatusCode: 400 },
      });
    }
    this.tokens -= 1;
  }
}
