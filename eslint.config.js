// Lint rules: the recommended sets of ESLint and typescript-eslint, plus a guard that keeps platform SDKs
// inside the adapters (and the digest posters), as the design's one-way data flow requires.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', 'discord.js', 'discord-interactions', '@discordjs/*'];

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'coverage/', 'dist/', '.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/core/**', 'src/knowledge/**', 'src/advisor/**', 'src/commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: platformSdks }],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
