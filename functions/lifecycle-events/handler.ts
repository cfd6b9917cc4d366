import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { defineRoute, routeHandler } from '../lib/http/route';
import { routeLifecycleEvent } from '../lib/lifecycle/router';
import { logger } from '../lib/logger';
import { LifecycleEvent } from '../lib/schemas/lifecycle-events';
import { EventRoutedView } from '../lib/schemas/started-answers';

/**
 * The lifecycle events router: the target of the lifecycle rules (EventBridge invokes it with the event)
 * and POST /events (the same event as the body). Validates the event, starts the detail-type's state
 * machine under a name derived from the event id, and answers 202 (started) or 200 (a redelivered event:
 * nothing new runs). Directly invoked, errors are rethrown: EventBridge invokes it asynchronously, so Lambda's
 * async retries repeat the invocation, then the DLQ gets the event.
 */
export const route = defineRoute({
  id: 'LifecycleEvents', method: 'POST', path: '/events', entry: 'functions/lifecycle-events/handler.ts', scope: 'events.write',
  summary: 'Route a Webex lifecycle event (Joined / Moved / Left) to its state machine, exactly once per event id',
  needs: ['env', 'stateMachines'],
  responses: {
    200: { description: 'DUPLICATE: an execution for this event id was started before; nothing new runs', body: EventRoutedView },
    202: { description: 'STARTED: the flow\'s execution, named from the event id', body: EventRoutedView },
  },
  input: LifecycleEvent,
  run: async (event, { env, stateMachines }) => {
    const routed = routeLifecycleEvent(event, env());
    // A start Step Functions refuses: an API caller gets its status with Retry-After (errorToResult); a
    // direct invocation rethrows it, so Lambda's async retries repeat the invocation.
    const started = await stateMachines.starter().start(routed.stateMachine, routed.input, routed.executionName);
    logger.info('lifecycle event routed', { eventId: event.id, detailType: event['detail-type'], ...started });
    return { statusCode: started.status === 'STARTED' ? 202 : 200, body: { eventId: event.id, detailType: event['detail-type'], ...started } };
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv) });
