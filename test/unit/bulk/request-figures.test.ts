import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_FIGURES_FILE, renderRequestFigures } from '../../../scripts/request-figures';
import { stepCalls, stepRequests, type StepDeclarations } from '../../../functions/lib/workflows/task-steps';

describe('the pacing figures, from the step rows', () => {
  it(`${REQUEST_FIGURES_FILE} is current (npm run request-figures writes it)`, () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', REQUEST_FIGURES_FILE), 'utf8')).toBe(renderRequestFigures());
  });

  it("counts a row's calls under the first condition it names (its cached reads left out), none for a row without Webex, and refuses one that scales", () => {
    const row: StepDeclarations = {
      webex: {
        calls: ['GET /people', 'POST /people'],
        when: { byId: [{ cached: 'GET /locations/{id}' }], other: ['GET /people', { cached: 'GET /licenses' }, 'PUT /people/{id}', 'GET /people/{id}', 'GET /x', 'GET /y'] },
      },
    };
    expect([stepRequests(row), stepRequests(row, ['unknown', 'byId', 'other']), stepRequests({}), stepRequests(row, ['other'])]).toEqual([2, 0, 0, 5]);
    expect(stepCalls(row, ['byId'])).toEqual([{ cached: 'GET /locations/{id}' }]);
    expect(() => stepRequests({ webex: { scalesWith: 'the org' } })).toThrow(/scale with the org/);
    expect(() => stepCalls({ webex: { scalesWith: 'the org' } })).toThrow(/scale with the org/);
  });
});
