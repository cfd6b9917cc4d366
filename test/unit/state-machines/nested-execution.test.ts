import { nestedExecutionFailure } from '../../../functions/lib/state-machines/nested-execution';

const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Joiner';

describe('nestedExecutionFailure: a failed startExecution.sync:2 child, parsed once', () => {
  it("reads DescribeExecution's JSON: the child's Error, Cause, and the Cause as JSON", () => {
    const detail = { status: 'FAILED', error: { code: 'NotFoundError', message: 'no such location' } };
    const cause = JSON.stringify({ StateMachineArn: arn, Status: 'FAILED', Error: 'NotFoundError', Cause: JSON.stringify(detail) });
    expect(nestedExecutionFailure(cause)).toEqual({ error: 'NotFoundError', cause: JSON.stringify(detail), causeJson: detail });
  });

  it('a child Cause that is plain text, or none: the Error and the text, no JSON', () => {
    expect(nestedExecutionFailure(JSON.stringify({ StateMachineArn: arn, Error: 'States.Timeout' }))).toEqual({ error: 'States.Timeout', cause: undefined });
    // Not JSON inside: not read as a nested failure (the caller reads the Cause as it is).
    expect(nestedExecutionFailure(JSON.stringify({ StateMachineArn: arn, Error: 'X', Cause: 'plain words' }))).toBeUndefined();
  });

  it("anything else is not a nested execution's failure", () => {
    for (const cause of [undefined, '', 'not json', 'null', '{}', JSON.stringify({ errorType: 'WebexServerError', errorMessage: '{}' })]) {
      expect(nestedExecutionFailure(cause)).toBeUndefined();
    }
  });
});
