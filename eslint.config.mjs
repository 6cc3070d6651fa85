// ESLint for Meja Sandi (flat config). Syntax-only rules (no type information: a type-aware
// run costs minutes on the CI machine); `tsc` already checks the types. Formatting belongs to
// Prettier, so eslint-config-prettier comes last and switches off every stylistic rule.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

/** Unused names are errors; a leading underscore marks one kept on purpose (a required parameter). */
const unusedVars = {
  args: 'after-used',
  argsIgnorePattern: '^_',
  varsIgnorePattern: '^_',
  caughtErrors: 'all',
  caughtErrorsIgnorePattern: '^_',
  destructuredArrayIgnorePattern: '^_',
  ignoreRestSiblings: true,
};

export default defineConfig(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.strapi/',
      '.tmp/',
      'coverage/',
      'public/',
      'docs/',
      'templates/',
      'database/',
      // written by `strapi ts:generate-types`
      'types/generated/',
      // layering fixtures: deliberately wrong imports, read by dependency-cruiser only
      'tests/fixtures/layering/',
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  // JavaScript: scripts, benchmarks, the two providers and the root config files (CommonJS, Node).
  {
    files: ['**/*.js', '**/*.cjs'],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'commonjs',
      globals: { ...globals.node },
    },
  },
  {
    files: ['**/*.mjs'],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node } },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { 'no-unused-vars': ['error', unusedVars] },
  },

  // TypeScript: the app (src/, config/), the tests and the declaration files.
  ...tseslint.configs.recommended.map((config) => ({ ...config, files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'] })),
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // house style: `type` over `interface`
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', unusedVars],
      // `require()` stays only for modules loaded on first use (the boot budget) and for
      // altcha-lib's v1, which TypeScript's node10 resolution cannot see through `exports`.
      '@typescript-eslint/no-require-imports': [
        'error',
        {
          allow: [
            '^altcha-lib/v1$',
            '^rate-limiter-flexible$',
            '^ioredis$',
            '^exceljs$',
            '^pizzip$',
            '^docxtemplater$',
            '^imapflow$',
            '^mailparser$',
          ],
        },
      ],
    },
  },
  // The type declarations written for JavaScript modules and for Strapi's augmentation points
  // must use `interface` (declaration merging), so the house rule does not apply there.
  {
    files: ['**/*.d.ts'],
    rules: { '@typescript-eslint/consistent-type-definitions': 'off' },
  },

  // Rules for both languages.
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: {
      // `x == null` is the one loose comparison allowed: it means "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // The server logs through strapi.log; only the command-line tools print.
      'no-console': 'error',
    },
  },
  {
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },

  // The admin panel (React, in the browser).
  {
    files: ['src/admin/**/*.ts', 'src/admin/**/*.tsx', 'src/plugins/*/admin/**/*.ts', 'src/plugins/*/admin/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },

  prettier
);
