import { once, readEnv } from '../config';

/** A Lambda's configuration: its environment is fixed for the container's life, so it is read once. */
export const lambdaEnv = once(() => readEnv());
