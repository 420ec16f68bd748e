// Lint rules, including the import direction: client -> shared <- server,
// and inside the server: http | collab | realtime -> domain -> storage.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });
const transports = ['express', 'ws', 'socket.io', 'socket.io-client', 'http', 'node:http'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['server/**'],
    rules: restrict([
      { group: ['**/client/**', '**/tests/**'], message: 'The server imports only shared/ and itself.' },
    ]),
  },
  {
    files: ['shared/**'],
    rules: restrict([
      { group: ['**/server/**', '**/client/**', '**/tests/**'], message: 'shared/ imports neither side.' },
      {
        group: ['node:*', 'react', 'react-dom', 'express', 'ws', 'socket.io*'],
        message: 'shared/ is pure TypeScript.',
      },
    ]),
  },
  {
    files: ['client/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([
        { group: ['**/server/**', '**/tests/**'], message: 'The client imports only shared/.' },
        { group: ['node:*'], message: 'The client runs in the browser.' },
      ]),
    },
  },
  {
    files: ['server/domain/**', 'server/storage/**'],
    rules: restrict([
      { group: transports, message: 'The domain and storage know no transport.' },
      {
        group: ['**/http/**', '**/collab/**', '**/realtime/**', '**/tests/**', '**/client/**'],
        message: 'Dependencies point inwards.',
      },
    ]),
  },
  {
    files: ['server/storage/**'],
    rules: restrict([
      { group: transports, message: 'Storage knows no transport.' },
      {
        group: ['**/domain/**', '**/http/**', '**/collab/**', '**/realtime/**', '**/tests/**'],
        message: 'Storage is the innermost layer.',
      },
    ]),
  },
  {
    files: ['tests/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
