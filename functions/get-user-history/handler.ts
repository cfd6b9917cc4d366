import { pageOf, ActivityRecord } from '../lib/activity/records';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { PAGE_QUERY_PARAMS, UserHistoryInput } from '../lib/schemas/activity';

/**
 * GET /users/{user}/history?limit&cursor: what the workflow runs did to a user, newest first, one page of the
 * activity table (a Query; `nextCursor` for the next page). `{user}` is the e-mail or the Webex person id.
 */
export const route = defineRoute({
  id: 'GetUserHistory', method: 'GET', path: '/users/{user}/history', entry: 'functions/get-user-history/handler.ts', scope: 'users.read',
  summary: "A Webex User's history: what each workflow run did, newest first",
  input: UserHistoryInput,
  queryParams: PAGE_QUERY_PARAMS,
  needs: ['activity'],
  responses: { 200: { description: 'The user\'s activity records, newest first, and a cursor when there are more', body: pageOf(ActivityRecord) } },
  run: async ({ user, limit, cursor }, { activity }) => ({
    statusCode: 200,
    body: await activity().history(user.includes('@') ? { email: user } : { userId: user }, { limit, cursor }),
  }),
});

export const handler = routeHandler(route, lambdaActivity);
