import { workflowHandler } from '../lib/http/api-handler';
import { routeLifecycleEvent } from '../lib/lifecycle/router';
import { executionStarter } from '../lib/lifecycle/starter';
import { logger } from '../lib/logger';
import { LifecycleEvent } from '../lib/schemas/lifecycle-events';
import { StateMachineStartError } from '../lib/state-machines/runner';

/**
 * The lifecycle events router: the target of the lifecycle rules (EventBridge invokes it with the event)
 * and POST /events (the same event as the body). Validates the event, starts the detail-type's state
 * machine under a name derived from the event id, and answers 202 (started) or 200 (a redelivered event:
 * nothing new runs). Directly invoked, errors are rethrown: EventBridge retries, then the DLQ.
 */
export const handler = workflowHandler({
  input: LifecycleEvent,
  run: async (event, _context, request) => {
    const routed = routeLifecycleEvent(event);
    let started;
    try {
      started = await executionStarter().start(routed.stateMachine, routed.input, routed.executionName);
    } catch (error) {
      if (error instanceof StateMachineStartError && request.caller !== 'direct-invocation') {
        return { statusCode: error.httpStatus, body: { error: { code: error.name, message: error.message } }, headers: { 'Retry-After': '5' } };
      }
      throw error;
    }
    logger.info('lifecycle event routed', { eventId: event.id, detailType: event['detail-type'], ...started });
    return { statusCode: started.status === 'STARTED' ? 202 : 200, body: { eventId: event.id, detailType: event['detail-type'], ...started } };
  },
});
