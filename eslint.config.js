// ESLint: import boundaries (infra/lint/boundaries.js) and promise safety, type-aware.
// Formatting is Prettier's job (eslint-config-prettier turns the overlapping rules off).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';
import { boundariesConfig } from './infra/lint/boundaries.js';

const root = import.meta.dirname;

export default defineConfig(
  globalIgnores(['**/node_modules/', '**/.data/', '**/dist/', 'schema/', 'bench/results/', 'coverage/', 'console/dist/', 'console/src/gql/', 'console/screenshots/', '**/*.json']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    name: 'lindung/typescript',
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      // Promise safety: the reason this config exists.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // The code marks names it leaves unused on purpose with a leading underscore (`{ log: _log, ...rest }`).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Off: they fight the existing style and are not about correctness here.
      // The no-unsafe-* family flags every use of a JSON body or an untyped library value (120+ hits).
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // `(await repo.findOne(...)) as Entity` is the house style; async methods that implement an interface need no await.
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/require-await': 'off',
      // Handing on `pg.stop` / `temporal.stop` and plugin hooks as values is intended (they do not use `this`).
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // JavaScript files (this config, the lint rule, a few infra scripts) are not in tsconfig.json.
    name: 'lindung/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
      },
    },
  },

  {
    // Tests and benchmarks read GraphQL answers as untyped JSON on purpose.
    name: 'lindung/tests-and-bench',
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },

  boundariesConfig(root),
  prettier,
);
