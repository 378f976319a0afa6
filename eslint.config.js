import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Import boundaries are architecture, not style: domain code never sees Electron, and the renderer sees
// only the API's types, never SQLite, Node or the database code.
const noElectron = {
  paths: [{ name: 'electron', message: 'Only electron/main and electron/preload may import electron.' }],
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'dist-electron/',
      'release/',
      '.cache/',
      'db/migrations/',
      'coverage/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['db/**/*.ts', 'scripts/**/*.ts', 'electron/shared/**/*.ts', 'test/db/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    // The build configuration runs in Node, not in the page.
    ignores: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...noElectron.paths,
            { name: 'better-sqlite3', message: 'The renderer never touches SQLite: call the API.' },
          ],
          patterns: [
            {
              group: ['drizzle-orm', 'drizzle-orm/*'],
              message: 'The renderer never touches the database: call the API.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto'],
              message: 'The renderer has no Node.',
            },
            { group: ['**/db', '**/db/**'], message: 'The renderer talks to the API, never to db/.' },
            {
              group: ['**/electron/main/**', '**/electron/preload/**'],
              message: 'The renderer cannot use the shell.',
            },
            {
              group: [
                '**/electron/shared/**',
                '!**/electron/shared/limits',
                '!**/electron/shared/print',
                '!**/electron/shared/bridge',
                '!**/electron/shared/importFields',
                '!**/electron/shared/numberInput',
              ],
              allowTypeImports: true,
              message: 'The renderer may import only types from electron/shared (use `import type`).',
            },
          ],
        },
      ],
    },
  },
);
