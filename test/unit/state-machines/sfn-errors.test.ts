import { CONFIGURATION_ERRORS, startError } from '../../../functions/lib/aws/sfn-errors';
import { ConfigurationError, StateMachineStartError } from '../../../functions/lib/errors';

const ARN = 'arn:aws:states:us-east-1:123456789012:stateMachine:Joiner';
const sdkError = (name: string) => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: 400 } });

describe("Step Functions' refusals, declared once (aws/sfn-errors.ts)", () => {
  it('a deployment fault is a ConfigurationError, anything else a 503 StateMachineStartError; the SDK error is the cause', () => {
    for (const name of CONFIGURATION_ERRORS) {
      const original = sdkError(name);
      const mapped = startError(original, ARN, 'the Joiner workflow');
      expect(mapped).toBeInstanceOf(ConfigurationError);
      expect(mapped.cause).toBe(original);
    }
    const throttled = sdkError('ThrottlingException');
    const mapped = startError(throttled, ARN, 'the Joiner workflow');
    expect(mapped).toBeInstanceOf(StateMachineStartError);
    expect(mapped).toMatchObject({ httpStatus: 503, message: 'Could not start the Joiner workflow: ThrottlingException: ThrottlingException happened' });
    expect(mapped.cause).toBe(throttled);
  });

  it('the set holds what both the synchronous runner and the starter refused as configuration (they differed before)', () => {
    expect([...CONFIGURATION_ERRORS].sort()).toEqual(['AccessDeniedException', 'InvalidArn', 'InvalidName', 'StateMachineDeleting', 'StateMachineDoesNotExist', 'StateMachineTypeNotSupported']);
  });
});
