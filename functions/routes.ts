import { route as AddLocationNumbers } from './add-location-numbers/handler';
import { route as ApplyReconcilePlan } from './apply-reconcile-plan/handler';
import { route as AssignNumber } from './assign-number/handler';
import { route as CreateUser } from './create-user/handler';
import { route as DeleteUser } from './delete-user/handler';
import { route as EnableCalling } from './enable-calling/handler';
import { route as GetBulkJoiners } from './get-bulk-joiners/handler';
import { route as GetConnection } from './get-connection/handler';
import { route as GetEnableCalling } from './get-enable-calling/handler';
import { route as GetUserNumbers } from './get-user-numbers/handler';
import { route as GetUser } from './get-user/handler';
import { route as LifecycleEvents } from './lifecycle-events/handler';
import { route as ListNumbers } from './list-numbers/handler';
import { route as ListWebexOperations } from './list-webex-operations/handler';
import { route as StartBulkJoinersCsv } from './start-bulk-joiners-csv/handler';
import { route as StartBulkJoiners } from './start-bulk-joiners/handler';
import { route as UnassignNumber } from './unassign-number/handler';
import { route as UpdateUser } from './update-user/handler';
import { route as WebexRequest } from './webex-request/handler';

export type { RouteDefinition } from './lib/http/route';

/**
 * The suite's HTTP contract: one row per workflow Lambda, each declared once in its handler module
 * (`export const route = defineRoute({ id, method, path, input, needs, run, … })`, next to the Lambda
 * entry composed from it). API Gateway and the stack's grants (infra/), the local runtime (functions/local/)
 * and the OpenAPI document are all built from this list, so a route can never exist in one and not another.
 * Only the stack, the local runtime and the tests import it: a Lambda bundle holds its own row alone.
 */
export const routes = [
  CreateUser,
  GetUser,
  UpdateUser,
  DeleteUser,
  WebexRequest,
  ListWebexOperations,
  GetConnection,
  EnableCalling,
  GetEnableCalling,
  AssignNumber,
  UnassignNumber,
  GetUserNumbers,
  ListNumbers,
  LifecycleEvents,
  AddLocationNumbers,
  StartBulkJoiners,
  StartBulkJoinersCsv,
  GetBulkJoiners,
  ApplyReconcilePlan,
] as const;

export type RouteId = (typeof routes)[number]['id'];
