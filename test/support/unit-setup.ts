import { inProcessOnly } from './in-process';

// The unit project's setup file, after env.ts: no socket and no child process in a unit test.
inProcessOnly(true);
