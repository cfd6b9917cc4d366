import type { SignedApiClient } from './signed-api-client';

/**
 * The e2e simulator keeps its org in one execution environment's memory, so it reserves one (reserved
 * concurrency 1). Lambda refuses a reservation that leaves fewer than 100 unreserved executions in the account
 * ("You can reserve up to the Unreserved account concurrency value that is shown, minus 100":
 * docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html), and new accounts may have a concurrency
 * quota of 10 or 50 in all. Checked before deploying, so such an account learns it in a sentence rather than
 * from a failed CloudFormation update.
 */
export const UNRESERVED_MINIMUM = 100;
export const SIMULATOR_RESERVED = 1;

/** Lambda GetAccountSettings' answer, the fields read here. */
export interface AccountSettings {
  AccountLimit?: { ConcurrentExecutions?: number; UnreservedConcurrentExecutions?: number };
}

/** Why this account cannot reserve the simulator's environment, or undefined when it can. */
export function simulatorReservationProblem(settings: AccountSettings, region: string): string | undefined {
  const limit = settings.AccountLimit ?? {};
  const unreserved = limit.UnreservedConcurrentExecutions ?? limit.ConcurrentExecutions;
  if (unreserved === undefined) return `Lambda GetAccountSettings in ${region} answered no concurrency limit`;
  if (unreserved - SIMULATOR_RESERVED >= UNRESERVED_MINIMUM) return undefined;
  return (
    `npm run e2e reserves ${SIMULATOR_RESERVED} Lambda environment for the simulator, and Lambda keeps ${UNRESERVED_MINIMUM} unreserved: ` +
    `this account has ${unreserved} unreserved in ${region} (quota ${limit.ConcurrentExecutions ?? 'unknown'}). ` +
    `Ask for a concurrency quota of at least ${UNRESERVED_MINIMUM + SIMULATOR_RESERVED} (Service Quotas: AWS Lambda, Concurrent executions), or run e2e in another account. ` +
    'The product itself reserves nothing.'
  );
}

/** GET /2016-08-19/account-settings/ (Lambda GetAccountSettings), SigV4-signed with the caller's credentials. */
export async function accountSettings(lambda: SignedApiClient): Promise<AccountSettings> {
  const res = await lambda.call('GET', '2016-08-19/account-settings/');
  if (res.status !== 200) throw new Error(`Lambda GetAccountSettings: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as AccountSettings;
}
