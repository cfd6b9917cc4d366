import { lambdaEnv } from '../lib/aws/lambda-env';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { NotFoundError } from '../lib/errors';
import { defineRoute, routeHandler } from '../lib/http/route';
import { EnableCallingResult, EnableCallingRunRef } from '../lib/schemas/calling';
import { answerFor, outcomeOf, running } from '../lib/workflows/calling/enable-calling';

/**
 * GET /users/{user}/calling/{executionName} — a run POST /users/{user}/calling answered 202 for (a
 * Standard execution): RUNNING, or its result as POST would have answered it (status, steps, user,
 * error). 404 for a name never started, or started for another user.
 */
export const route = defineRoute({
  id: 'GetEnableCalling', method: 'GET', path: '/users/{user}/calling/{executionName}', entry: 'functions/get-enable-calling/handler.ts', scope: 'users.read',
  summary: 'An Enable Calling run POST answered 202 for (a move): RUNNING, or its steps and outcome',
  needs: ['stateMachines'],
  responses: {
    200: { description: 'RUNNING, or the run\'s result as POST would have answered it', body: EnableCallingResult },
    404: { description: 'No such run for this user' },
  },
  input: EnableCallingRunRef,
  run: async ({ user, executionName }, { stateMachines }) => {
    const status = await stateMachines.describe('EnableCallingStandard', executionName);
    const requested = (status?.input as { user?: string } | undefined)?.user?.trim();
    // E-mails match whatever their case; Webex ids are case-sensitive.
    const same = requested === user || (requested?.includes('@') && requested.toLowerCase() === user.toLowerCase());
    if (!status || !same) {
      throw new NotFoundError(`No Enable Calling run ${executionName} for ${user}`);
    }
    if (status.status === 'RUNNING') return { statusCode: 200, body: running(executionName, user).body };
    return { statusCode: 200, body: answerFor(outcomeOf(executionName, status), executionName).body };
  },
});

export const handler = routeHandler(route, { stateMachines: sfnStateMachines(lambdaEnv) });
