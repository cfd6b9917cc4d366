import { SFNClient } from '@aws-sdk/client-sfn';
import type { Env } from '../config';
import type { StateMachines } from '../state-machines/ports';
import { describeSfnExecution } from './sfn-describe-execution';
import { SfnExecutionStarter } from './sfn-execution-starter';
import { sfnMapProgress } from './sfn-map-progress';
import { stateMachineArn } from './sfn-errors';
import { SfnSyncRunner } from './sfn-sync-runner';

/**
 * The state machines in AWS: each machine's ARN from its `arnEnv`, read when first used (a function the
 * stack gives no ARN fails only when it tries: a ConfigurationError naming the variable). One SDK
 * client per container, made on first use and reused while warm.
 */
export function sfnStateMachines(env: () => Env, client: () => SFNClient = sharedClient): StateMachines {
  return {
    runner: (id) => new SfnSyncRunner(client(), stateMachineArn(env(), id, `the ${id} state machine cannot be started`)),
    starter: () => new SfnExecutionStarter(client(), env()),
    describe: (id, executionName) => describeSfnExecution(client(), env(), id, executionName),
    mapProgress: (id, executionName) => sfnMapProgress(client(), env(), id, executionName),
  };
}

let sfn: SFNClient | undefined;
const sharedClient = () => (sfn ??= new SFNClient({}));
