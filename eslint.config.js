import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import house from './eslint/floors.js';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'migrations/**', 'coverage/**', 'test-results/**', 'dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['warn', { max: 350, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }],
    },
  },
  // Floors run one way and domains are entered through their index.ts (eslint/floors.js).
  { files: ['src/**/*.{ts,tsx}', 'test/**/*.ts'], plugins: { house }, rules: { 'house/floors': 'error' } },
  { files: ['**/*.test.ts', '**/*.test.tsx', 'test/**'], rules: { 'max-lines-per-function': 'off', 'max-lines': 'off' } },
);
