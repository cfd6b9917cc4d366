import { simulatorReservationProblem } from '../../../e2e/account-concurrency';

describe('npm run e2e: can this account reserve the simulator\'s one environment?', () => {
  it('yes with the usual quota of 1,000, and with exactly 101 (100 stay unreserved)', () => {
    expect(simulatorReservationProblem({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 1000 } }, 'eu-west-1')).toBeUndefined();
    expect(simulatorReservationProblem({ AccountLimit: { ConcurrentExecutions: 101, UnreservedConcurrentExecutions: 101 } }, 'eu-west-1')).toBeUndefined();
  });

  it.each([10, 50, 100])('no with a quota of %i: it says why and what to ask for, before anything is deployed', (quota) => {
    const problem = simulatorReservationProblem({ AccountLimit: { ConcurrentExecutions: quota, UnreservedConcurrentExecutions: quota } }, 'eu-west-1');
    expect(problem).toMatch(/Lambda keeps 100 unreserved/);
    expect(problem).toMatch(/at least 101/);
    expect(problem).toContain(`${quota} unreserved in eu-west-1`);
  });

  it('no when other functions already hold reservations that bring the unreserved below 101', () => {
    expect(simulatorReservationProblem({ AccountLimit: { ConcurrentExecutions: 1000, UnreservedConcurrentExecutions: 100 } }, 'us-east-1')).toMatch(/100 unreserved in us-east-1/);
  });
});
