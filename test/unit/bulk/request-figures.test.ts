import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUEST_FIGURES_FILE, renderRequestFigures } from '../../../scripts/request-figures';
import { stepRequests } from '../../../functions/lib/workflows/task-steps';

describe('the pacing figures, from the step rows', () => {
  it(`${REQUEST_FIGURES_FILE} is current (npm run request-figures writes it)`, () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', REQUEST_FIGURES_FILE), 'utf8')).toBe(renderRequestFigures());
  });

  it("counts a row's requests under the first condition it names, none for a row without Webex, and refuses one that scales", () => {
    const row = { webex: { requests: 2, when: { byId: 0, other: 5 } } };
    expect([stepRequests(row), stepRequests(row, ['unknown', 'byId', 'other']), stepRequests({}), stepRequests(row, ['other'])]).toEqual([2, 0, 0, 5]);
    expect(() => stepRequests({ webex: { scalesWith: 'the org' } })).toThrow(/scale with the org/);
  });
});
