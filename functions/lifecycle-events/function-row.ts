import { defineFunctionRow } from '../lib/runtime/function-row';
import { LIFECYCLE_DETAIL_TYPES, LifecycleEvent } from '../lib/schemas/lifecycle-events';

/**
 * The lifecycle router as the lifecycle rules invoke it (infra/constructs/lifecycle-events.ts): the handler module
 * of the LifecycleEvents route, given the event itself. It only starts the flow's state machine: no Webex request.
 */
export const functionRow = defineFunctionRow({
  id: 'Router',
  entry: 'functions/lifecycle-events/handler.ts',
  trigger: 'EventBridge rule',
  event: LifecycleEvent,
  // A joiner, as EventBridge delivers a PutEvents entry to a rule's target (its envelope fields included).
  sample: () => ({
    event: {
      version: '0', id: '6a7e1c2d-0c01-4d5a-9b2e-c01d57a27000', 'detail-type': LIFECYCLE_DETAIL_TYPES.joined, source: 'hr.bench',
      account: '123456789012', time: new Date().toISOString(), region: 'us-east-1', resources: [],
      detail: { email: 'cold.router@example.com', displayName: 'Cold Router', location: 'Headquarters' },
    },
  }),
});
