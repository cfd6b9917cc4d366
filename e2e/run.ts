/**
 * npm run e2e — the suite on real AWS, against the built-in simulator instead of a Webex organisation:
 *   1. deploys a throw-away stack (`-c e2e=true`: the simulator as a Lambda behind a function URL is its Webex),
 *   2. connects it (the simulator's Service App) into the stack's secret,
 *   3. runs e2e/scenario.ts through the API with SigV4-signed requests (the joiner through the event bus),
 *   4. writes the report to e2e/results/<stack>.json and prints it,
 *   5. destroys the stack (unless --keep), emptying the imports bucket first.
 * Needs AWS credentials and a region (AWS_REGION), a bootstrapped account (`npx cdk bootstrap`) and a Lambda
 * concurrency quota of at least 101 (the simulator reserves one environment, and Lambda keeps 100 unreserved:
 * checked before deploying, e2e/account-concurrency.ts). Exit code 1 when a step failed.
 *
 *   npm run e2e                      # a new stack WebexProvisioning-E2E-<id>, destroyed at the end
 *   npm run e2e -- --keep            # keep it for a look (destroy later: npx cdk destroy <name> -c e2e=true -c stackName=<name>)
 *   npm run e2e -- --stack-name WebexProvisioning-E2E-mine
 */
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DeleteObjectsCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { connectServiceApp } from '../functions/lib/connection/connect';
import { SecretsManagerSecretStore } from '../functions/lib/aws/secrets-manager-store';
import { SIM_CLIENT_ID, SIM_CLIENT_SECRET, SIM_REFRESH_TOKEN } from '../functions/simulator/seed';
import { accountSettings, simulatorReservationProblem } from './account-concurrency';
import { runScenario, type LifecycleEnvelope, type ScenarioReport } from './scenario';
import { stopRunningExecutions } from './teardown';
import { SignedApiClient } from './signed-api-client';

const REPO = resolve(__dirname, '..');

interface StackOutputs {
  StandardStateMachineArns: string;
  ApiUrl: string;
  WebexSecretArn: string;
  SimulatorUrl: string;
  BulkImportsBucketName: string;
  LifecycleEventBusName: string;
}

function cdk(args: string[]): void {
  const run = spawnSync('npx', ['cdk', ...args], { cwd: REPO, stdio: 'inherit', env: process.env });
  if (run.status !== 0) throw new Error(`cdk ${args[0]} failed (exit ${run.status})`);
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<number> {
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new Error('Set AWS_REGION (and AWS credentials) for the account to test in');
  const runId = randomUUID().slice(0, 8);
  const stackName = argValue('--stack-name') ?? `WebexProvisioning-E2E-${runId}`;
  const context = ['-c', 'e2e=true', '-c', `stackName=${stackName}`];
  const outputsFile = join(mkdtempSync(join(tmpdir(), 'webex-e2e-')), 'outputs.json');
  const s3 = new S3Client({ region });
  const credentials = () => s3.config.credentials();

  // Before anything is deployed: an account that cannot reserve the simulator's environment is told why.
  const lambda = new SignedApiClient({ baseUrl: `https://lambda.${region}.amazonaws.com/`, region, service: 'lambda', credentials });
  const problem = simulatorReservationProblem(await accountSettings(lambda), region);
  if (problem) throw new Error(problem);

  let outputs: StackOutputs | undefined;
  let report: ScenarioReport | undefined;
  try {
    cdk(['deploy', stackName, ...context, '--require-approval', 'never', '--outputs-file', outputsFile]);
    outputs = (JSON.parse(readFileSync(outputsFile, 'utf8')) as Record<string, StackOutputs>)[stackName];
    const out = outputs;

    const connected = await connectServiceApp({
      orgName: 'E2E (simulator)',
      clientId: SIM_CLIENT_ID,
      clientSecret: SIM_CLIENT_SECRET,
      refreshToken: SIM_REFRESH_TOKEN,
      baseUrl: out.SimulatorUrl,
      store: new SecretsManagerSecretStore(out.WebexSecretArn, new SecretsManagerClient({ region })),
    });
    if (connected.missingScopes.length) throw new Error(`connect: missing scopes ${connected.missingScopes.join(', ')}`);

    const api = new SignedApiClient({ baseUrl: out.ApiUrl, credentials });
    const events = new SignedApiClient({ baseUrl: `https://events.${region}.amazonaws.com/`, region, service: 'events', credentials });
    report = await runScenario({
      runId,
      call: (method, path, body) => api.call(method, path, body),
      upload: async (key, text) => void (await s3.send(new PutObjectCommand({ Bucket: out.BulkImportsBucketName, Key: key, Body: text, ContentType: 'text/csv' }))),
      publish: async (event: LifecycleEnvelope) => {
        const entry = { EventBusName: out.LifecycleEventBusName, Source: event.source, DetailType: event['detail-type'], Detail: JSON.stringify(event.detail) };
        const res = await events.call('POST', '', { Entries: [entry] }, { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' });
        const failed = (res.body as { FailedEntryCount?: number } | undefined)?.FailedEntryCount;
        if (res.status !== 200 || failed) throw new Error(`PutEvents: ${res.status} ${JSON.stringify(res.body)}`);
      },
    });
  } finally {
    if (report) {
      mkdirSync(join(REPO, 'e2e', 'results'), { recursive: true });
      writeFileSync(join(REPO, 'e2e', 'results', `${stackName}.json`), `${JSON.stringify({ stackName, region, ...report }, null, 2)}\n`);
      for (const s of report.steps) console.log(`${s.ok ? 'PASS' : 'FAIL'}  ${s.name}  (${s.ms} ms${s.status ? `, ${s.status}` : ''})${s.detail ? `  ${s.detail}` : ''}`);
      console.log(`${report.passed} passed, ${report.failed} failed (stack ${stackName}, run ${report.runId})`);
    }
    if (process.argv.includes('--keep')) {
      console.log(`Kept ${stackName}: npx cdk destroy ${stackName} ${context.join(' ')} --force`);
    } else {
      if (outputs) {
        // Nothing may write into the bucket after it is emptied: stop what still runs first.
        const sfn = new SignedApiClient({ baseUrl: `https://states.${region}.amazonaws.com/`, region, service: 'states', credentials });
        const { stopped } = await stopRunningExecutions(
          (target, body) => sfn.call('POST', '', body, { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AWSStepFunctions.${target}` }),
          outputs.StandardStateMachineArns.split(',').filter(Boolean),
        );
        if (stopped) console.log(`Stopped ${stopped} execution(s) still running`);
        await emptyBucket(s3, outputs.BulkImportsBucketName);
      }
      cdk(['destroy', stackName, ...context, '--force']);
    }
  }
  return report && report.failed === 0 ? 0 : 1;
}

/** CloudFormation cannot delete a bucket with objects in it: the scenario's CSV, results and reports go first. */
async function emptyBucket(s3: S3Client, bucket: string): Promise<void> {
  for (let token: string | undefined; ; ) {
    const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }));
    const keys = (page.Contents ?? []).map((o) => ({ Key: o.Key! }));
    if (keys.length) await s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
    if (!page.IsTruncated) return;
    token = page.NextContinuationToken;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`e2e failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
