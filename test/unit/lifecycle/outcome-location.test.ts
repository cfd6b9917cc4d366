import { LifecycleResultDetail } from '../../../functions/lib/schemas/lifecycle-events';
import { localStateMachineArn } from '../../../functions/local/local-runner';
import { buildOutcome } from '../../../functions/lib/workflows/lifecycle/outcome';
import { JoinerOutcomeState } from '../../../functions/lib/workflows/lifecycle/joiner';

/**
 * The Completed / Failed detail names the calling location the nested Enable Calling run resolved: a request may
 * name it by id, and the service desk (and the bulk report) reads its name from here without asking Webex again.
 */
const LOCATION_ID = 'Y2lzY29zcGFyazovL3VzL0xPQ0FUSU9OL2JyYW5jaA';
const origin = { eventId: 'e-1', source: 'hr.test', detailType: 'Webex User Joined' };
const detail = { email: 'a@example.com', displayName: 'A', location: LOCATION_ID, phoneNumber: '+14085550142' };
const user = { id: 'P1', email: 'a@example.com', created: true, callingRequest: { user: 'a@example.com', location: LOCATION_ID, phoneNumber: '+14085550142' } };
const steps = [{ name: 'resolveLocation', status: 'completed' as const, detail: `"Branch Office" (${LOCATION_ID})` }];

/** The Joiner's Catch output when its nested Enable Calling failed with this result. */
function nestedFailure(result: unknown) {
  const describe = { StateMachineArn: localStateMachineArn('EnableCalling'), Status: 'FAILED', Error: 'NumberNotInLocationError', Cause: JSON.stringify(result) };
  return { Error: 'States.TaskFailed', Cause: JSON.stringify(describe) };
}
const joiner = (state: unknown) => ({ flow: 'joiner' as const, state: JoinerOutcomeState.parse(state) });

describe('the lifecycle outcome: the resolved location', () => {
  it('a joiner that completed names the location Enable Calling resolved, by id and name', () => {
    const result = {
      status: 'SUCCEEDED', executionName: 'x-calling', changed: true, steps,
      location: { id: LOCATION_ID, name: 'Branch Office' },
      user: { id: 'P1', email: 'a@example.com', calling: { enabled: true, location: { id: LOCATION_ID, name: 'Branch Office' }, primaryNumber: '+14085550142' } },
    };
    const outcome = buildOutcome(joiner({ origin, detail, user, calling: { result } }), 'x');
    expect(outcome.status).toBe('COMPLETED');
    expect(outcome.detail.location).toEqual({ id: LOCATION_ID, name: 'Branch Office' });
    expect(LifecycleResultDetail.parse(outcome.detail)).toEqual(outcome.detail);
  });

  it('a joiner whose calling failed after the location was resolved names it too, in the detail and its Cause', () => {
    const message = '+14085550142 is not a Branch Office number';
    const result = {
      status: 'FAILED', executionName: 'x-calling', changed: false, steps, remaining: null,
      location: { id: LOCATION_ID, name: 'Branch Office' },
      // The user's calling before the run: none. Not where the run failed.
      user: { id: 'P1', email: 'a@example.com', calling: { enabled: false } },
      error: { code: 'NumberNotInLocationError', message, httpStatus: 400 },
    };
    const outcome = buildOutcome(joiner({ origin, detail, user, failure: nestedFailure(result) }), 'x');
    expect(outcome).toMatchObject({ status: 'FAILED', detail: { location: { id: LOCATION_ID, name: 'Branch Office' }, error: { code: 'NumberNotInLocationError', message, step: 'enableCalling' } } });
    // The Joiner's Fail state carries the detail as its Cause: what the bulk run reads the name from.
    expect(JSON.parse(outcome.causeJson!).location).toEqual({ id: LOCATION_ID, name: 'Branch Office' });
  });

  it('a location never resolved (unknown, or a failure before calling) is absent: the request names it', () => {
    const unknown = {
      status: 'FAILED', executionName: 'x-calling', changed: false, steps: [{ name: 'resolveLocation', status: 'failed' }], remaining: null,
      error: { code: 'NotFoundError', message: `No location ${LOCATION_ID}`, httpStatus: 404 },
    };
    expect(buildOutcome(joiner({ origin, detail, user, failure: nestedFailure(unknown) }), 'x').detail).not.toHaveProperty('location');
    const beforeCalling = { Error: 'WebexServerError', Cause: JSON.stringify({ errorType: 'WebexServerError', errorMessage: 'Webex answered 503' }) };
    expect(buildOutcome(joiner({ origin, detail, failure: beforeCalling }), 'x').detail).not.toHaveProperty('location');
  });

  it('a mover that moved names the new location', () => {
    const result = { status: 'SUCCEEDED', executionName: 'm-calling', changed: true, steps: [], location: { id: LOCATION_ID, name: 'Branch Office' } };
    const state = { origin, detail: { email: 'a@example.com', location: LOCATION_ID }, user: { id: 'P1', hasLocationChange: true }, calling: { result }, profile: { changed: false, fields: [] } };
    expect(buildOutcome({ flow: 'mover', state: state as never }, 'm').detail.location).toEqual({ id: LOCATION_ID, name: 'Branch Office' });
  });
});
