import { Logger } from '@aws-lambda-powertools/logger';
import { searchDottedPath, SuiteLogFormatter } from './log-format';

/**
 * One logger per process, shared by every module so a handler's context (request id, cold start, correlation
 * id: Powertools' injectLambdaContext in the handler factories) appears on every line a run writes. Log level
 * comes from POWERTOOLS_LOG_LEVEL, the `service` field from POWERTOOLS_SERVICE_NAME: Powertools reads both itself
 * (the stack sets them on every function: infra/constructs/workflow-function.ts), so this module reads nothing.
 */
export const logger = new Logger({
  logFormatter: new SuiteLogFormatter(),
  correlationIdSearchFn: searchDottedPath,
});

/** The subset of a logger the library needs, so tests can pass a recorder. */
export interface LogSink {
  debug(message: string, ...extra: Record<string, unknown>[]): void;
  info(message: string, ...extra: Record<string, unknown>[]): void;
  warn(message: string, ...extra: Record<string, unknown>[]): void;
  error(message: string, ...extra: Record<string, unknown>[]): void;
}
