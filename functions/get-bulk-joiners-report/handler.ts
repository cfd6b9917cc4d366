import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { bulkReportUrl } from '../lib/bulk/report-url';
import { defineRoute, routeHandler } from '../lib/http/route';
import { BulkJoinersRef } from '../lib/schemas/bulk';
import { BulkReportUrlView } from '../lib/schemas/bulk-answers';
import { importsBucket } from '../lib/storage/imports-bucket';

/**
 * GET /bulk/joiners/{executionName}/report — `{ url, expiresInSeconds }`: a presigned S3 GET URL (15 min)
 * of a bulk run's HTML report (a JSON run's or a CSV run's). 404 before the run has written it.
 */
export const route = defineRoute({
  id: 'GetBulkJoinersReport', method: 'GET', path: '/bulk/joiners/{executionName}/report', entry: 'functions/get-bulk-joiners-report/handler.ts', scope: 'bulk.read',
  summary: "A short-lived URL of a bulk run's HTML report",
  importsBucket: 'reports',
  needs: ['env', 'objectStore'],
  input: BulkJoinersRef,
  responses: {
    200: { description: 'A presigned URL of the HTML report, valid expiresInSeconds', body: BulkReportUrlView },
    404: { description: 'No report yet: a bulk run (JSON or CSV) writes it when it ends' },
  },
  run: async ({ executionName }, { env, objectStore }) => ({ statusCode: 200, body: await bulkReportUrl(objectStore(), importsBucket(env()), executionName) }),
});

export const handler = routeHandler(route, { env: lambdaEnv, objectStore: s3ObjectStore });
