// @ts-check
/**
 * `npm run lint` (eslint, then knip for unused exports, files and dependencies; see knip.json). A small rule set:
 * what tsc does not catch and matters here. `npm run lint -- --fix` applies the fixable ones.
 */
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '.local/', 'bench/results/', 'e2e/results/', 'test/artifacts/'] },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parser: tseslint.parser,
      // Type-aware (no-floating-promises), from tsconfig.json.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { '@typescript-eslint': tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
      // A promise nobody awaits loses its rejection: a Webex fault would vanish instead of failing the step.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      // A named (value) import of zod, not the namespace: esbuild then keeps every locale (~200 KB more in every Lambda
      // bundle; test/infra/bundles.test.ts checks the bundles). Type-only imports are free.
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "ImportDeclaration[source.value=/^zod/][importKind='value'] > :matches(ImportSpecifier[importKind='value'], ImportDefaultSpecifier)",
          message: "import zod as a namespace (`import * as z from 'zod'`): esbuild then drops what a bundle does not use, zod's locales alone being ~200 KB",
        },
      ],
    },
  },
);
