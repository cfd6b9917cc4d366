import { lambdaActivity } from '../lib/aws/lambda-activity';
import { lambdaEnv } from '../lib/aws/lambda-env';
import { s3ObjectStore } from '../lib/aws/s3-object-store';
import { sfnStateMachines } from '../lib/aws/sfn-state-machines';
import { assertScheduleFits } from '../lib/bulk/pacing';
import { CSV_MAX_BYTES, bulkJoinersCsvMachineInput, csvExecutionName, preflightCsv } from '../lib/bulk/csv-joiners';
import { apiTrigger } from '../lib/activity/trigger';
import { defineRoute, routeHandler } from '../lib/http/route';
import { logger } from '../lib/logger';
import { BulkJoinersCsvInput } from '../lib/schemas/bulk';
import { importsBucket } from '../lib/storage/imports-bucket';
import { BulkCsvStartedView } from '../lib/schemas/started-answers';

/**
 * POST /bulk/joiners/csv: reads the CSV from the imports bucket and checks every row (a bad file is a
 * 400 naming each line and column; nothing starts, nothing reaches Webex), then starts the
 * BulkJoinersCsv state machine under a name derived from the idempotency key or the upload, and
 * answers 202 with it (200 DUPLICATE when that name was started before). Status and report:
 * GET /bulk/joiners/{executionName}.
 */
export const route = defineRoute({
  id: 'StartBulkJoinersCsv', method: 'POST', path: '/bulk/joiners/csv', entry: 'functions/start-bulk-joiners-csv/handler.ts', scope: 'bulk.write',
  summary: 'Start Bulk Joiners from a CSV file in the imports bucket (up to 10,000 rows), every row checked first',
  importsBucket: 'read',
  bulkBudget: true,
  recordsActivity: true,
  needs: ['env', 'stateMachines', 'objectStore', 'activity'],
  responses: {
    200: { description: 'DUPLICATE: this upload (or idempotency key) ran before', body: BulkCsvStartedView },
    202: { description: 'STARTED: follow statusUrl', body: BulkCsvStartedView },
  },
  input: BulkJoinersCsvInput,
  run: async (input, { env, stateMachines, objectStore, activity }, _context, request) => {
    const bucket = importsBucket(env());
    const file = await objectStore().getText(bucket, input.key, { maxBytes: CSV_MAX_BYTES });
    const { rows } = preflightCsv(file.text);
    const executionName = csvExecutionName(input, bucket, file.etag);
    const machineInput = bulkJoinersCsvMachineInput(bucket, input.key, executionName, env());
    assertScheduleFits(rows, rows * machineInput.intervalMs, { field: 'lines', noun: 'rows', remedy: 'split the file or raise the budget' });
    const started = await stateMachines.starter().start('BulkJoinersCsv', machineInput, executionName);
    await activity().startBulkRun({ executionName, source: 'csv', status: 'RUNNING', startedAt: new Date().toISOString(), total: rows, trigger: apiTrigger(request) });
    logger.info('bulk joiners from CSV started', { caller: request.caller, key: input.key, rows, ...started });
    return {
      statusCode: started.status === 'STARTED' ? 202 : 200,
      body: { ...started, key: input.key, rows, maxConcurrency: machineInput.maxConcurrency, statusUrl: `/bulk/joiners/${executionName}` },
    };
  },
});

export const handler = routeHandler(route, { env: lambdaEnv, stateMachines: sfnStateMachines(lambdaEnv), objectStore: s3ObjectStore, ...lambdaActivity });
