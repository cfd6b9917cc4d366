import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachines } from '../../../functions/lib/state-machines/definitions';
import { retrierDelaySeconds } from '../../support/asl-budget';

type Retrier = { ErrorEquals: string[]; IntervalSeconds?: number; BackoffRate?: number; MaxAttempts?: number; MaxDelaySeconds?: number; JitterStrategy?: string };
type State = { Type: string; Resource?: string; Retry?: Retrier[]; Branches?: { States: Record<string, State> }[]; ItemProcessor?: { States: Record<string, State> } };

const lambdaTasks = (states: Record<string, State>): [string, State][] =>
  Object.entries(states).flatMap(([name, s]) => [
    ...(s.Type === 'Task' && /^\$\{\w+FunctionArn\}$/.test(s.Resource ?? '') ? [[name, s] as [string, State]] : []),
    ...(s.Branches ?? []).flatMap((b) => lambdaTasks(b.States)),
    ...(s.ItemProcessor ? lambdaTasks(s.ItemProcessor.States) : []),
  ]);

/**
 * An account whose Lambda concurrency is still 10 throttles a Map's children: Lambda.TooManyRequestsException.
 * The invocation was refused before the function ran, so waiting longer is safe and is what lets the run finish;
 * Lambda's transient errors keep their short retry. Express machines (EnableCalling, at most 240 s) wait less.
 */
describe('a throttled Lambda invocation is retried with a longer backoff than its transient errors', () => {
  // EnableCallingStandard runs the Express machine's file: it keeps the Express machine's waits.
  const expressFiles = new Set<string>(stateMachines.filter((d) => d.type === 'EXPRESS').map((d) => d.definitionFile));
  for (const def of stateMachines) {
    const express = expressFiles.has(def.definitionFile);
    const asl = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', def.definitionFile), 'utf8')) as { States: Record<string, State> };
    it(`${def.id}: every Lambda Task retries Lambda.TooManyRequestsException in a retrier of its own, jittered, for ${express ? '30 s' : 'nearly 2 min'} or more`, () => {
      const tasks = lambdaTasks(asl.States);
      expect(tasks.length).toBeGreaterThan(0);
      for (const [name, task] of tasks) {
        const throttle = (task.Retry ?? []).filter((r) => r.ErrorEquals.includes('Lambda.TooManyRequestsException'));
        expect([name, throttle.length, throttle[0]?.ErrorEquals]).toEqual([name, 1, ['Lambda.TooManyRequestsException']]);
        expect([name, throttle[0].JitterStrategy]).toEqual([name, 'FULL']);
        const transient = (task.Retry ?? []).find((r) => r.ErrorEquals.includes('Lambda.ServiceException'))!;
        const waited = retrierDelaySeconds(throttle[0]);
        expect([name, waited >= (express ? 30 : 110), waited > retrierDelaySeconds(transient)]).toEqual([name, true, true]);
      }
    });
  }
});
