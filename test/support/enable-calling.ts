import type { Context } from 'aws-lambda';
import { createLocalRuntime } from '../../functions/local/local-runtime';
import type { EnableCallingInput } from '../../functions/lib/schemas/calling';
import type { LambdaHandler } from '../../functions/local/local-runner';
import { enableCalling } from '../../functions/lib/workflows/calling/enable-calling';

/** The Enable Calling state machine run directly (not through the API), `before` called ahead of each step. */
export async function runEnableCallingWith(input: EnableCallingInput, before: (step: string) => void | Promise<void>, executionName: string) {
  const runtime = createLocalRuntime({ fastWaits: true });
  const wrapped: LambdaHandler = async (event: unknown, context: Context) => {
    await before((event as { step: string }).step);
    return runtime.taskHandlers.EnableCallingStepsFunctionArn(event, context);
  };
  const runner = runtime.runnerWith('EnableCalling', { EnableCallingStepsFunctionArn: wrapped });
  return enableCalling(runner, input, { executionName });
}

/** The execution's steps as { name: status }. */
export const stepStatuses = (body: { steps: { name: string; status: string }[] }) => Object.fromEntries(body.steps.map((s) => [s.name, s.status]));
