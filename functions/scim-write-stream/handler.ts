import { ScimStreamEvent, scimWritesOf } from '../lib/aws/dynamodb-scim-stream';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { taskHandler } from '../lib/http/api-handler';
import { logger } from '../lib/logger';
import type { Deps } from '../lib/runtime/deps';
import { startAppliesOfWrites } from '../lib/scim/apply-starts';

/**
 * The SCIM writes' consumer (never behind API Gateway): the activity table's stream, filtered to SCIM resource rows,
 * invokes it with a batch of records; it starts the ScimApply execution each write asks for, under the write's own
 * name, and answers the first write it could not start as a batch item failure (retried, then the DLQ).
 */
export const createHandler = ({ stateMachines }: Pick<Deps, 'stateMachines'>) =>
  taskHandler({
    input: ScimStreamEvent,
    run: (event) => startAppliesOfWrites(stateMachines.starter(), scimWritesOf(event), (message, detail) => logger.error(message, detail)),
  });

export const handler = createHandler({ stateMachines: sfnStateMachines(lambdaEnv) });
