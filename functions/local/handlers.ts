import type { Context } from 'aws-lambda';
import type { RouteId } from '../routes';
import { handler as createUser } from '../create-user/handler';
import { handler as deleteUser } from '../delete-user/handler';
import { handler as getConnection } from '../get-connection/handler';
import { handler as webexRequest } from '../webex-request/handler';
import { handler as listWebexOperations } from '../list-webex-operations/handler';
import { handler as getUser } from '../get-user/handler';
import { handler as updateUser } from '../update-user/handler';
import { createHandler as enableCalling } from '../enable-calling/handler';
import { createHandler as getEnableCalling } from '../get-enable-calling/handler';
import { handler as assignNumber } from '../assign-number/handler';
import { handler as unassignNumber } from '../unassign-number/handler';
import { handler as getUserNumbers } from '../get-user-numbers/handler';
import { handler as listNumbers } from '../list-numbers/handler';
import { handler as addLocationNumbers } from '../add-location-numbers/handler';
import { createHandler as lifecycleEvents } from '../lifecycle-events/handler';
import { createHandler as startBulkJoiners } from '../start-bulk-joiners/handler';
import { createHandler as startBulkJoinersCsv } from '../start-bulk-joiners-csv/handler';
import { createHandler as getBulkJoiners } from '../get-bulk-joiners/handler';
import type { Deps } from '../lib/runtime/deps';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/**
 * The deployed handlers, by route id: the local runtime runs exactly what Lambda runs, those that start
 * or read executions or read the imports bucket composed with the local runtime's adapters.
 */
export const routeHandlers = (deps: Deps): Record<RouteId, LambdaHandler> => ({
  CreateUser: createUser,
  GetUser: getUser,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  GetConnection: getConnection,
  WebexRequest: webexRequest,
  ListWebexOperations: listWebexOperations,
  EnableCalling: enableCalling(deps),
  GetEnableCalling: getEnableCalling(deps),
  AssignNumber: assignNumber,
  UnassignNumber: unassignNumber,
  GetUserNumbers: getUserNumbers,
  ListNumbers: listNumbers,
  AddLocationNumbers: addLocationNumbers,
  LifecycleEvents: lifecycleEvents(deps),
  StartBulkJoiners: startBulkJoiners(deps),
  StartBulkJoinersCsv: startBulkJoinersCsv(deps),
  GetBulkJoiners: getBulkJoiners(deps),
});
