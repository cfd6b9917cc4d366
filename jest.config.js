/**
 * Three projects, one run: `npm test` (the README's command, which .ci/run calls) runs them all;
 * `npm run test:unit`, `test:integration` and `test:infra` run one.
 */
const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
  // ts-jest compiles our TypeScript and the ESM-only @middy packages to CommonJS; type checking is tsc's job in CI.
  transform: {
    '^.+\\.[tj]s$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node10', allowJs: true, isolatedModules: true } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
};

const project = (name, extra = {}) => ({ ...shared, displayName: name, roots: [`<rootDir>/test/${name}`], testMatch: ['**/*.test.ts'], ...extra });

/**
 * The unit project compiles with swc (@swc/jest): the same TypeScript to CommonJS, type-blind as ts-jest is here,
 * in a fraction of the time (a cold unit run spent about half its CPU in ts-jest). The other projects keep ts-jest.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

// The unit project is in-process only: its setup file makes a socket or a child process fail the test (test/support/in-process.ts).
const unit = project('unit', { transform: { '^.+\\.[tj]s$': swc }, setupFilesAfterEnv: ['<rootDir>/test/support/unit-setup.ts'] });

/** @type {import('jest').Config} */
module.exports = {
  // e2e: what of `npm run e2e` can be checked without AWS (the scenario on the local runtime, the signer, the teardown).
  projects: [unit, project('integration'), project('infra'), project('e2e')],
  testTimeout: 30000,
};
