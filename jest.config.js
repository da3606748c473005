/**
 * Jest runs in ESM mode (inversify 8 is ESM-only); ts-jest only transpiles, `tsc --noEmit` type-checks.
 * One project per TypeScript configuration (ts-jest keeps one per project): tests named *.legacy.test.ts
 * compile with experimentalDecorators, the rest with standard (TC39) decorators, and the trainer sample (an
 * inversify application with @inject on constructor parameters) with its own tsconfig.
 */
const project = (displayName, tsconfig, testMatch, testPathIgnorePatterns = [], roots = ['test', 'samples']) => ({
  displayName,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: roots.map((root) => `<rootDir>/${root}`),
  testMatch,
  testPathIgnorePatterns: ['/node_modules/', ...testPathIgnorePatterns],
  moduleNameMapper: {
    '^plugboard$': '<rootDir>/src/index.ts',
    '^plugboard/(.*)$': '<rootDir>/src/$1.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: { '\\.ts$': ['ts-jest', { useESM: true, tsconfig, diagnostics: false }] },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
});

/** @type {import('jest').Config} */
export default {
  // Three workers on the 2-core machines we run on: many e2e tests wait on child processes and installs (a clean
  // clone's jest phase took 181 s with two workers, 164 s with three).
  maxWorkers: 3,
  // One build and `npm pack` of plugboard per run, shared by the test files that install the tarball.
  globalSetup: '<rootDir>/test/support/global-setup.mjs',
  globalTeardown: '<rootDir>/test/support/global-teardown.mjs',
  projects: [
    project('standard', 'tsconfig.json', ['**/*.test.ts'], ['\\.legacy\\.test\\.ts$', '/samples/trainer/']),
    project('legacy-decorators', 'tsconfig.legacy.json', ['**/*.legacy.test.ts'], ['/samples/trainer/']),
    project('trainer', 'samples/trainer/tsconfig.json', ['**/*.test.ts'], [], ['samples/trainer']),
  ],
};
