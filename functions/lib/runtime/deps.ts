import type { ActivityStore } from '../activity/store';
import type { Env } from '../config';
import type { ScimStore } from '../scim/store';
import type { PacingBudget } from '../pacing/budget';
import type { StateMachines } from '../state-machines/ports';
import type { ObjectStore } from '../storage/object-store';
import type { SecretReader, VersionedSecretStore } from '../tokens/secret-store';
import type { WebexClient } from '../webex/client';

/**
 * What the handlers need from their runtime, built once per runtime by its composition root: lazily at
 * a handler module's scope in Lambda (each function composes only the adapters it uses, so its bundle
 * carries no other SDK client), in functions/local/local-runtime.ts for the local runtime and the tests.
 * A handler asks for the part it uses (`Pick<Deps, 'stateMachines'>`, a route row's `needs`).
 */
export interface Deps {
  /** The configuration (config.ts): read once in Lambda, per use locally. */
  env(): Env;
  stateMachines: StateMachines;
  /** The imports bucket's store: S3 in AWS, a folder locally. */
  objectStore(): ObjectStore;
  /**
   * The Webex client, with the token source its runtime composed (aws/lambda-webex.ts: the secret through the
   * Parameters and Secrets extension; functions/local/local-webex.ts: the file store). Built on first use and
   * reused while warm: one token cache per container.
   */
  webex(): WebexClient;
  /** The Service App secret as a workflow reads it (GET /connection); undefined when the runtime has none (a static token). */
  webexSecret(): SecretReader | undefined;
  /** The secret's writer, the rotator's (versions, compare-and-swap): Secrets Manager in AWS, a file locally. */
  secretStore(): VersionedSecretStore;
  /** The activity table (history, recent runs and plans): DynamoDB in AWS, the same adapter against dynalite locally. */
  activity(): ActivityStore;
  /** The SCIM resources, in the same table: DynamoDB in AWS, the same adapter against dynalite locally. */
  scim(): ScimStore;
  /**
   * The deployment's shared Webex pacing budget (pacing/budget.ts), one item of the activity table: what runs draw
   * their requests from, and where every 429 is reported.
   */
  pacing(): PacingBudget;
}
