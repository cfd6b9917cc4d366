import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCIM_LEASE_MS } from '../../../functions/lib/scim/apply-steps';
import { stateMachine } from '../../../functions/lib/state-machines/definitions';

describe('the SCIM apply lease', () => {
  it('outlasts every Task of the ScimApply machine (a nested lifecycle run included), so no other apply takes the user while one runs', () => {
    const file = join(__dirname, '..', '..', '..', stateMachine('ScimApply').definitionFile);
    const asl = JSON.parse(readFileSync(file, 'utf8')) as { States: Record<string, { Type: string; TimeoutSeconds?: number }> };
    const tasks = Object.entries(asl.States).filter(([, s]) => s.Type === 'Task');
    expect(tasks.map(([name]) => name)).toEqual(expect.arrayContaining(['RunJoiner', 'RunMover', 'RunLeaver']));
    for (const [name, state] of tasks) {
      expect({ name, timeout: state.TimeoutSeconds !== undefined, within: (state.TimeoutSeconds ?? Infinity) * 1000 < SCIM_LEASE_MS }).toEqual({ name, timeout: true, within: true });
    }
  });
});
