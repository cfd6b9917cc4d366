import { LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';

/**
 * Powertools' standard JSON line (the keys and order of its PowertoolsLogFormatter, which the package does not
 * export), except that the correlation id Powertools keeps as `correlation_id` (Logger.setCorrelationId,
 * injectLambdaContext's correlationIdPath) is written as `correlationId`: the key this suite's log lines have
 * always carried, which log queries and alarms filter on.
 */
export class SuiteLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const base = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: attributes.lambdaContext?.coldStart,
      function_arn: attributes.lambdaContext?.invokedFunctionArn,
      function_memory_size: attributes.lambdaContext?.memoryLimitInMB,
      function_name: attributes.lambdaContext?.functionName,
      function_request_id: attributes.lambdaContext?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
      tenant_id: attributes.lambdaContext?.tenantId,
    };
    if (!('correlation_id' in additional)) return new LogItem({ attributes: base }).addAttributes(additional);
    const { correlation_id: correlationId, ...rest } = additional;
    return new LogItem({ attributes: base }).addAttributes({ correlationId, ...rest });
  }
}

/**
 * The correlation-id search Powertools calls for injectLambdaContext's `correlationIdPath`: a dotted path into
 * the event (`requestContext.requestId`). Powertools' own (`@aws-lambda-powertools/logger/correlationId`)
 * evaluates JMESPath, and would bring that library into every bundle for the one plain path used here.
 */
export function searchDottedPath(path: string, event: unknown): unknown {
  let value: unknown = event;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
