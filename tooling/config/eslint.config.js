// Shared lint rules. Type-unaware on purpose: the typecheck task already runs tsc with strict
// settings, so lint stays fast and catches what tsc does not (unused code, risky patterns).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '**/test-results/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Packages run in Node and browsers alike.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@tensorflow/*'],
              message: "Import tfjs through '@tessera/backend' (one engine, one version).",
            },
          ],
        },
      ],
    },
  },
  {
    // The backend is the one place allowed to import tfjs; tests of other packages may use
    // tfjs-layers as a reference implementation.
    files: ['packages/backend/**', '**/*.test.ts', 'bench/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
