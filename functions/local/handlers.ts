import type { Context } from 'aws-lambda';
import type { RouteId } from '../routes';
import { handler as createUser } from '../create-user/handler';
import { handler as deleteUser } from '../delete-user/handler';
import { handler as getConnection } from '../get-connection/handler';
import { handler as webexRequest } from '../webex-request/handler';
import { handler as listWebexOperations } from '../list-webex-operations/handler';
import { handler as getUser } from '../get-user/handler';
import { handler as updateUser } from '../update-user/handler';
import { handler as enableCalling } from '../enable-calling/handler';
import { handler as getEnableCalling } from '../get-enable-calling/handler';
import { handler as assignNumber } from '../assign-number/handler';
import { handler as unassignNumber } from '../unassign-number/handler';
import { handler as getUserNumbers } from '../get-user-numbers/handler';
import { handler as listNumbers } from '../list-numbers/handler';
import { handler as addLocationNumbers } from '../add-location-numbers/handler';
import { handler as lifecycleEvents } from '../lifecycle-events/handler';
import { handler as startBulkJoiners } from '../start-bulk-joiners/handler';
import { handler as startBulkJoinersCsv } from '../start-bulk-joiners-csv/handler';
import { handler as getBulkJoiners } from '../get-bulk-joiners/handler';
// Registers the in-process state machine runner that POST /users/{user}/calling uses locally.
import './state-machines';

export type LambdaHandler = (event: unknown, context: Context) => Promise<unknown>;

/** The deployed handlers, by route id: the local runtime runs exactly what Lambda runs. */
export const handlers: Record<RouteId, LambdaHandler> = {
  CreateUser: createUser,
  GetUser: getUser,
  UpdateUser: updateUser,
  DeleteUser: deleteUser,
  GetConnection: getConnection,
  WebexRequest: webexRequest,
  ListWebexOperations: listWebexOperations,
  EnableCalling: enableCalling,
  GetEnableCalling: getEnableCalling,
  AssignNumber: assignNumber,
  UnassignNumber: unassignNumber,
  GetUserNumbers: getUserNumbers,
  ListNumbers: listNumbers,
  AddLocationNumbers: addLocationNumbers,
  LifecycleEvents: lifecycleEvents,
  StartBulkJoiners: startBulkJoiners,
  StartBulkJoinersCsv: startBulkJoinersCsv,
  GetBulkJoiners: getBulkJoiners,
};
