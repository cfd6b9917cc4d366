import type { Env } from '../config';
import type { StateMachines } from '../state-machines/ports';
import type { ObjectStore } from '../storage/object-store';

/**
 * What the handlers need from their runtime, built once per runtime by its composition root: lazily at
 * a handler module's scope in Lambda (each function composes only the adapters it uses, so its bundle
 * carries no other SDK client), in functions/local/local-runtime.ts for the local runtime and the tests.
 * A handler asks for the part it uses (`Pick<Deps, 'stateMachines'>`).
 */
export interface Deps {
  /** The configuration (config.ts): read once in Lambda, per use locally. */
  env(): Env;
  stateMachines: StateMachines;
  /** The imports bucket's store: S3 in AWS, a folder locally. */
  objectStore(): ObjectStore;
}
