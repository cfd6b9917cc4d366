import { pageOf, BulkRunSummary } from '../lib/activity/records';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { PAGE_QUERY_PARAMS, RecentListInput } from '../lib/schemas/activity';

/** GET /bulk/joiners?limit&cursor: the recent bulk joiners runs (JSON and CSV), newest first, with status and counts. */
export const route = defineRoute({
  id: 'ListBulkJoiners', method: 'GET', path: '/bulk/joiners', entry: 'functions/list-bulk-joiners/handler.ts', scope: 'bulk.read',
  summary: 'Recent Bulk Joiners runs with their status and counts',
  input: RecentListInput,
  queryParams: PAGE_QUERY_PARAMS,
  needs: ['activity'],
  responses: { 200: { description: 'The recent runs, newest first, and a cursor when there are more', body: pageOf(BulkRunSummary) } },
  run: async (page, { activity }) => ({ statusCode: 200, body: await activity().listBulkRuns(page) }),
});

export const handler = routeHandler(route, lambdaActivity);
