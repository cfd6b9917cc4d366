import { operationsFor } from '../lib/webex-spec/operations';

/**
 * The simulator implements the operations the suite's workflows use, not all 766 the guarded request
 * can reach. One Cisco documents but the simulator lacks answers 404 saying so, in Webex's error shape,
 * so someone trying it on the demo knows the operation is real and the simulator is the limit.
 */
export function notSimulatedMessage(method: string, path: string): string | undefined {
  // The most specific template decides, as Webex's routing would: GET /licenses/users is not GET /licenses/{licenseId}.
  const candidates = operationsFor(path);
  const operation = candidates.find((op) => op.path === candidates[0].path && op.method === method);
  if (!operation) return undefined;
  return `Not simulated: the built-in Webex simulator does not implement ${operation.method} ${operation.path}, which Cisco's documents define. Try it against real Webex.`;
}
