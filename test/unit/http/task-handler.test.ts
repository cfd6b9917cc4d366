import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { taskHandler } from '../../../functions/lib/http/api-handler';
import { NotFoundError } from '../../../functions/lib/errors';
import { lambdaContext } from '../../../functions/lib/runtime/lambda-context';

const context = (): Context => lambdaContext('Steps', 'req-1', 30_000);

describe('taskHandler: a state machine Task function', () => {
  const handler = taskHandler({
    input: z.strictObject({ step: z.literal('double'), n: z.number().int() }),
    run: async ({ n }) => {
      if (n < 0) throw new NotFoundError(`no ${n}`);
      return { doubled: n * 2 };
    },
  });

  it('returns the step result itself, not an HTTP response to unwrap', async () => {
    await expect(handler({ step: 'double', n: 21 }, context())).resolves.toEqual({ doubled: 42 });
  });

  it('rethrows errors by their stable names (what Retry/Catch match), a bad payload as ValidationError', async () => {
    await expect(handler({ step: 'double', n: -1 }, context())).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(handler({ step: 'double', n: 'x' }, context())).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('treats an API Gateway-shaped event as a payload like any other (a Task is never behind API Gateway)', async () => {
    await expect(handler({ httpMethod: 'GET', resource: '/x', requestContext: {} }, context())).rejects.toMatchObject({ name: 'ValidationError' });
  });
});
