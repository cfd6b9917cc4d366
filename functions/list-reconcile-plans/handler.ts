import { pageOf, PlanSummary } from '../lib/activity/records';
import { lambdaActivity } from '../lib/aws/lambda-activity';
import { defineRoute, routeHandler } from '../lib/http/route';
import { PAGE_QUERY_PARAMS, RecentListInput } from '../lib/schemas/activity';

/** GET /reconcile/plans?limit&cursor: the recent reconciliation plans, newest first: status, counts, created, applied, digest. */
export const route = defineRoute({
  id: 'ListReconcilePlans', method: 'GET', path: '/reconcile/plans', entry: 'functions/list-reconcile-plans/handler.ts', scope: 'reconcile.read',
  summary: 'Recent reconciliation plans with their status, counts, creation, apply and digest',
  input: RecentListInput,
  queryParams: PAGE_QUERY_PARAMS,
  needs: ['activity'],
  responses: { 200: { description: 'The recent plans, newest first, and a cursor when there are more', body: pageOf(PlanSummary) } },
  run: async (page, { activity }) => ({ statusCode: 200, body: await activity().listPlans(page) }),
});

export const handler = routeHandler(route, lambdaActivity);
