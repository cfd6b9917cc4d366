import { defineFunctionRow } from '../lib/runtime/function-row';

/**
 * The daily count of free numbers (infra/constructs/number-pools.ts): read-only, two listings. Each is one page of
 * up to 2000 (TELEPHONY_MAX_PAGE); an org with more calling locations or free numbers than that reads more pages.
 */
export const functionRow = defineFunctionRow({
  id: 'CountFreeNumbers',
  entry: 'functions/count-free-numbers/handler.ts',
  trigger: 'EventBridge Scheduler',
  webex: { calls: ['GET /telephony/config/locations', 'GET /telephony/config/numbers'] },
  // The schedule's input (the handler reads nothing of it).
  sample: () => ({ event: { source: 'webex-provisioning.number-pool-schedule' } }),
});
