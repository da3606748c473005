import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', '.tmp/', 'docs/api/', 'test/fixtures/', '**/node_modules/'] },
  eslint.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.js'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  },
  {
    files: ['test/**/*.ts', 'samples/**/*.test.ts', 'samples/**/*.vitest.ts'],
    rules: {
      // Tests build throwaway plugin classes and assert on thrown values.
      '@typescript-eslint/no-unused-vars': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
  {
    // Compiled with experimentalDecorators, so linted against that tsconfig.
    files: ['**/*.legacy.test.ts'],
    languageOptions: {
      parserOptions: { projectService: false, project: './tsconfig.legacy.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  { files: ['*.js', 'scripts/**/*.mjs', 'test/**/*.mjs', 'bin/**/*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Node scripts in plain JavaScript, linted without type information.
    files: ['scripts/**/*.mjs', 'test/**/*.mjs', 'bin/**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly' } },
  },
);
