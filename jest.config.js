/** Jest runs in ESM mode (inversify 8 is ESM-only); ts-jest transpiles, `tsc --noEmit` type-checks. */
const tsJest = (tsconfig) => ['ts-jest', { useESM: true, tsconfig, diagnostics: false }];

/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test', '<rootDir>/samples'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: {
    '^plugboard$': '<rootDir>/src/index.ts',
    '^plugboard/(.*)$': '<rootDir>/src/$1/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    // Tests named *.legacy.test.ts are compiled with experimentalDecorators; the rest with standard decorators.
    '\\.legacy\\.test\\.ts$': tsJest('tsconfig.legacy.json'),
    '\\.ts$': tsJest('tsconfig.json'),
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};
