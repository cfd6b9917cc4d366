/**
 * Four projects, one run: `npm test` (the README's command, which .ci/run calls) runs them all;
 * `npm run test:unit`, `test:integration`, `test:infra` and `test:e2e` run one.
 */
/**
 * Every project compiles with swc (@swc/jest): TypeScript and the ESM-only @middy packages to CommonJS, type-blind
 * (type checking is tsc's job in CI), in a fraction of ts-jest's time. swc hoists imports above other statements, as
 * ES modules do: a test that must set the environment before a module loads imports that module dynamically.
 */
const swc = ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }];

const shared = {
  testEnvironment: 'node',
  testPathIgnorePatterns: ['/node_modules/', '/cdk.out/'],
  transform: { '^.+\\.[tj]s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!@middy/)'],
  setupFiles: ['<rootDir>/test/support/env.ts'],
};

const project = (name, extra = {}) => ({ ...shared, displayName: name, roots: [`<rootDir>/test/${name}`], testMatch: ['**/*.test.ts'], ...extra });

// The unit project is in-process only: its setup file makes a socket or a child process fail the test (test/support/in-process.ts).
const unit = project('unit', { setupFilesAfterEnv: ['<rootDir>/test/support/unit-setup.ts'] });

module.exports = {
  // e2e: what of `npm run e2e` can be checked without AWS (the scenario on the local runtime, the signer, the teardown).
  projects: [unit, project('integration'), project('infra'), project('e2e')],
  testTimeout: 30000,
  // One worker per core (jest's default leaves one core idle, which on a 2-core machine runs every file in band):
  // most integration files wait on timers and sockets rather than compute.
  maxWorkers: '100%',
};
