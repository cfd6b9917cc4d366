import { inProcessOnly } from './in-process';

// Tests assert on responses, not on log output; tests that inspect logs raise the level themselves.
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
process.env.AWS_REGION ??= 'us-east-1';
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
// What the stack sets on every function; Powertools reads it for the `service` of log lines and metrics.
process.env.POWERTOOLS_SERVICE_NAME ??= 'webex-provisioning';

// A unit test file that ran before this one in the same worker may have left the in-process guard on.
inProcessOnly(false);
