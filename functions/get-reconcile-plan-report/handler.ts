import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { defineRoute, routeHandler } from '../lib/http/route';
import { PlanReportUrlView } from '../lib/reconcile/answers';
import { planIdField } from '../lib/reconcile/plan-route-schemas';
import { planReportUrl } from '../lib/reconcile/report-url';
import { importsBucket } from '../lib/storage/imports-bucket';
import * as z from 'zod';

/**
 * GET /reconcile/plans/{id}/report — `{ url, report, expiresInSeconds }`: a presigned S3 GET URL (15 min) of
 * the HTML report, the apply's once it has run, else the plan's. 404 for a plan never stored.
 */
export const route = defineRoute({
  id: 'GetReconcilePlanReport', method: 'GET', path: '/reconcile/plans/{id}/report', entry: 'functions/get-reconcile-plan-report/handler.ts', scope: 'reconcile.read',
  summary: 'A short-lived URL of the HTML report of a reconciliation plan (or of its apply, once run)',
  importsBucket: 'reports',
  needs: ['env', 'objectStore'],
  input: z.strictObject({ id: planIdField }),
  responses: {
    200: { description: 'A presigned URL of the HTML report (the apply\'s once it has run, else the plan\'s), valid expiresInSeconds', body: PlanReportUrlView },
    404: { description: 'No such plan, or a plan stored without an HTML report' },
  },
  run: async ({ id }, { env, objectStore }) => ({ statusCode: 200, body: await planReportUrl(objectStore(), importsBucket(env()), id) }),
});

export const handler = routeHandler(route, { env: lambdaEnv, objectStore: s3ObjectStore });
