import { routeHandlers } from '../functions/local/handlers';
import { createLocalRuntime } from '../functions/local/local-runtime';

/** The benchmarks' local runtime (waits as in AWS) and the route handlers composed with it. */
export const benchRuntime = createLocalRuntime();
export const handlers = routeHandlers(benchRuntime.deps);
