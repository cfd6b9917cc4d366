import { inProcessOnly } from './in-process';

// The unit project's setup (after the test framework): no socket and no child process while a unit test file runs.
// Off again after it, for whatever jest does next in this process (a watch run asks git what changed).
inProcessOnly(true);
afterAll(() => inProcessOnly(false));
