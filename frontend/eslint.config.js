// Lint rules for the web app (`npm run lint`, run by `make test`). Formatting is Prettier's (`npm run format:check`).
import js from '@eslint/js';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/graphql-env.d.ts', 'e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The rules of hooks, without the React Compiler's rules (the app does not use the compiler).
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Pages put components together; components, panels and helpers never reach back into a page.
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/pages/**', 'src/**/*.test.{ts,tsx}', 'src/test/**', 'src/App.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/pages/*', '**/pages'],
              message: 'Only pages and tests import from pages/: move what is shared into components/ or lib/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['e2e/**/*.mjs', '*.config.{js,ts}', 'vite.config.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
