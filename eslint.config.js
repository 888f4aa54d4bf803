// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'dist-*', 'test-results', 'playwright-report', 'reports', 'src/generated'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      // noUncheckedIndexedAccess makes every index possibly undefined; `!` marks the ones proven in range.
      '@typescript-eslint/no-non-null-assertion': 'off',
      eqeqeq: 'error',
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  { files: ['src/**/*.ts'], languageOptions: { globals: globals.browser } },
  { files: ['src/sw/**/*.ts'], languageOptions: { globals: globals.serviceworker } },
  { files: ['src/components/**/*.ts'], ...litConfigs['flat/recommended'] },
  {
    files: ['server/**/*.ts', 'scripts/**/*.{ts,mjs}', 'tests/**/*.ts', '*.config.{ts,js}', '.ci/**/*.mjs'],
    languageOptions: { globals: globals.node },
  },
);
