import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import middy from '@middy/core';
import type { APIGatewayProxyResult, Context } from 'aws-lambda';
import type { z } from 'zod';
import { withCorrelation } from '../correlation';
import { clip, InvocationTimeoutError } from '../errors';
import { withInvocationDeadline } from '../invocation-deadline';
import { logger } from '../logger';
import { METRICS_NAMESPACE } from '../metrics-namespace';
import { inputFromApiEvent, isApiGatewayEvent, validateInput } from './api-event';
import { errorToResult, type ApiResult } from '../workflows/error-status';
import { hashEmails } from '../redaction';

export interface WorkflowHandlerSpec<I> {
  /** Validates path parameters and body fields together (or a direct invocation's payload). */
  input: z.ZodType<I>;
  /** Query parameters the route accepts; any other is a 400. */
  queryParams?: readonly string[];
  run: (input: I, context: Context, request: RequestInfo) => Promise<ApiResult>;
  /** How an error is answered (a protocol's own error schema); default errorToResult. */
  errorResult?: (error: unknown) => ApiResult;
  /** The Content-Type of its bodies; default application/json. */
  mediaType?: string;
}

/** Who asked, for audit logs: the IAM principal API Gateway authenticated, or the direct invoker. */
export interface RequestInfo {
  caller: string;
  requestId?: string;
}

/**
 * A workflow Lambda: parse → validate → run → shape. Invoked through API Gateway it answers HTTP, with
 * every error mapped to a meaningful status; invoked directly (Step Functions, EventBridge) it returns
 * the plain result and rethrows errors, whose stable `name`s Retry/Catch clauses match.
 */
export function workflowHandler<I>(spec: WorkflowHandlerSpec<I>) {
  return middy<unknown, unknown>()
    .use(lambdaContextLogging())
    .use(requestKeys())
    .use(timeLimitAnswer(spec))
    .handler(async (event: unknown, context: Context) => {
      return withCorrelation(correlationOf(event, context), () => withInvocationDeadline(context, async () => {
        if (!isApiGatewayEvent(event)) {
          try {
            const out = await spec.run(validateInput(event, spec.input), context, { caller: 'direct-invocation' });
            recordOutcome('direct', 'succeeded');
            return out.body;
          } catch (error) {
            recordOutcome('direct', errorToResult(error).statusCode < 500 ? 'rejected' : 'failed');
            throw error;
          }
        }
        const route = `${event.httpMethod} ${event.resource}`;
        try {
          const input = inputFromApiEvent(event, spec.input, spec.queryParams);
          const identity = event.requestContext?.identity;
          // An OAuth caller is its client, as the authorizer names it; a SigV4 caller its IAM principal.
          const clientId = event.requestContext?.authorizer?.clientId as string | undefined;
          const caller = clientId ? `oauth-client:${clientId}` : identity?.userArn ?? identity?.caller ?? identity?.accountId ?? 'unknown';
          const result = await spec.run(input, context, { caller, requestId: event.requestContext?.requestId });
          recordOutcome(route, result.statusCode < 400 ? 'succeeded' : result.statusCode < 500 ? 'rejected' : 'failed');
          return toHttp(result, spec.mediaType);
        } catch (error) {
          const mapped = (spec.errorResult ?? errorToResult)(error);
          const log = mapped.statusCode >= 500 ? logger.error.bind(logger) : logger.warn.bind(logger);
          log('request failed', { status: mapped.statusCode, error: describe(error) });
          recordOutcome(route, mapped.statusCode < 500 ? 'rejected' : 'failed');
          return toHttp(mapped, spec.mediaType);
        }
      }));
    });
}

export interface TaskHandlerSpec<I, O> {
  /** Validates the Task's payload. */
  input: z.ZodType<I>;
  /** The step's result: what the state machine receives (ResultSelector / ResultPath read it). */
  run: (input: I, context: Context) => Promise<O>;
}

/**
 * A Task function runs until Lambda's own timeout ends it: Step Functions then sees Sandbox.Timedout, which every
 * Lambda Task's Retry lists, and Lambda resets the execution environment (docs.aws.amazon.com/lambda/latest/dg/
 * lambda-runtime-environment.html, failures in the invoke phase), so the cut-off attempt never resumes beside the retry.
 * middy's default answers 5 ms earlier with its own `TimeoutError`, which no Retry lists (the step failed, the user
 * lost), and leaves the handler running in a sandbox Lambda keeps for the next invocation.
 */
const TASK_PLUGIN = { timeoutEarlyInMillis: 0 };

/**
 * A state machine's Task function (never behind API Gateway): the payload validated, the step run, its
 * plain result returned; errors rethrown with the stable `name`s Retry/Catch clauses match.
 */
export function taskHandler<I, O>(spec: TaskHandlerSpec<I, O>) {
  return middy<unknown, O>(TASK_PLUGIN)
    .use(lambdaContextLogging())
    .use(requestKeys())
    .handler(async (event: unknown, context: Context) =>
      withCorrelation(correlationOf(event, context), () =>
        withInvocationDeadline(context, async () => {
          try {
            const out = await spec.run(validateInput(event, spec.input), context);
            recordOutcome('direct', 'succeeded');
            return out;
          } catch (error) {
            recordOutcome('direct', errorToResult(error).statusCode < 500 ? 'rejected' : 'failed');
            throw error;
          }
        }),
      ),
    );
}

/**
 * Workflow outcomes as CloudWatch EMF metrics (namespace WebexProvisioning), one line per invocation. Its
 * `service` dimension is POWERTOOLS_SERVICE_NAME, which Powertools reads itself (the stack sets it).
 */
const metrics = new Metrics({ namespace: METRICS_NAMESPACE });

function recordOutcome(route: string, outcome: 'succeeded' | 'rejected' | 'failed'): void {
  // Published at once, not batched: a Lambda may be frozen before a later flush.
  const single = metrics.singleMetric();
  single.addDimension('route', route);
  single.addMetric(outcome === 'succeeded' ? 'WorkflowSucceeded' : outcome === 'rejected' ? 'WorkflowRejected' : 'WorkflowFailed', MetricUnit.Count, 1);
}

function toHttp(result: ApiResult, mediaType = 'application/json'): APIGatewayProxyResult {
  return {
    statusCode: result.statusCode,
    headers: { ...(result.body === undefined ? {} : { 'Content-Type': mediaType }), ...result.headers },
    body: result.body === undefined ? '' : JSON.stringify(result.body),
  };
}

/** Characters of an error message in a log line: messages may quote the caller's input. */
const MAX_LOGGED_MESSAGE_CHARS = 2000;

// Name, message and Webex trackingId only: a stack or an SDK error object could carry request details. A
// message may quote an e-mail address (`No Webex user with e-mail …`): logged as its hash.
function describe(error: unknown) {
  if (!(error instanceof Error)) return { message: hashEmails(clip(String(error), MAX_LOGGED_MESSAGE_CHARS)) };
  const trackingId = (error as { trackingId?: string }).trackingId;
  return { name: error.name, message: hashEmails(clip(error.message, MAX_LOGGED_MESSAGE_CHARS)), ...(trackingId ? { trackingId } : {}) };
}

/**
 * Powertools' injectLambdaContext: the Lambda context on every line the invocation writes (cold_start,
 * function_name, function_request_id, …), the API Gateway request id as the correlation id (`correlationIdPath`,
 * written as `correlationId` by SuiteLogFormatter), and every key appended for the invocation dropped when it
 * ends, so nothing of one request is written on the next. Never the event: a body may hold passcodes
 * (POWERTOOLS_LOGGER_LOG_EVENT is overridden here).
 */
const lambdaContextLogging = () =>
  injectLambdaContext(logger, { correlationIdPath: 'requestContext.requestId', resetKeys: true, logEvent: false });

/**
 * The id that ties an invocation's lines together: the API Gateway request id, or the Lambda request id of a
 * direct invocation (Step Functions, EventBridge). Also the TrackingID prefix (withCorrelation).
 */
function correlationOf(event: unknown, context: Context): string {
  return (isApiGatewayEvent(event) && event.requestContext?.requestId) || context.awsRequestId || 'none';
}

/**
 * A route whose function reaches its time limit answers 504 itself, as middy's early timeout fires (5 ms before it),
 * rather than leaving API Gateway to answer its bare 502 "Internal server error" for a function that returned an
 * error or timed out (docs.aws.amazon.com/lambda/latest/dg/services-apigateway-errors.html): the
 * caller reads that part may have been applied, and the log and metrics record it as any failed request. The Webex
 * client stops well before (the invocation deadline), so only a call with no timeout of its own gets here. A direct
 * invocation keeps the error: its invoker decides.
 */
function timeLimitAnswer<I>(spec: WorkflowHandlerSpec<I>): middy.MiddlewareObj<unknown, unknown> {
  return {
    onError: async (request) => {
      if (!isMiddyTimeout(request.error) || !isApiGatewayEvent(request.event)) return;
      const mapped = (spec.errorResult ?? errorToResult)(new InvocationTimeoutError(TIME_LIMIT_MESSAGE, { cause: request.error }));
      logger.error('request failed', { status: mapped.statusCode, error: describe(request.error) });
      recordOutcome(`${request.event.httpMethod} ${request.event.resource}`, 'failed');
      request.response = toHttp(mapped, spec.mediaType);
    },
  };
}

const TIME_LIMIT_MESSAGE = 'The request did not finish within the function\'s time limit. Part of it may have been applied: read the resource before sending the request again';

/** middy's early-timeout error (@middy/core's timeoutEarlyResponse): named TimeoutError, its cause the package. */
const isMiddyTimeout = (error: unknown): boolean =>
  error instanceof Error && error.name === 'TimeoutError' && (error.cause as { package?: string } | undefined)?.package === '@middy/core';

/** The request's other keys, after injectLambdaContext (which drops them after the invocation). */
function requestKeys(): middy.MiddlewareObj<unknown, unknown> {
  return {
    before: async (request) => {
      const event = (request.event ?? {}) as { requestContext?: { requestId?: string }; httpMethod?: string; resource?: string };
      // A direct invocation (Step Functions, EventBridge) has no API request: its Lambda request id is the correlation id.
      if (!event.requestContext?.requestId) logger.setCorrelationId(request.context.awsRequestId);
      logger.appendKeys({
        apiRequestId: event.requestContext?.requestId,
        route: event.httpMethod ? `${event.httpMethod} ${event.resource}` : undefined,
      });
    },
  };
}
