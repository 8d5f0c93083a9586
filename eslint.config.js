// Lint rules: the recommended sets of ESLint and typescript-eslint, a guard that keeps platform SDKs inside the
// adapters, and the layer rules of the one-way architecture (docs/architecture.md).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const platformSdks = ['@slack/*', 'discord.js', 'discord-interactions', '@discordjs/*'];
/** Import patterns for sibling folders of src/, as seen from a file one or more folders below src/. */
const layer = (...folders) => folders.flatMap((folder) => [`../${folder}/*`, `../../${folder}/*`]);

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
    files: ['src/knowledge/**', 'src/advisor/**', 'src/commands/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: platformSdks }],
    },
  },
  // Layers point down (issue 13). The core (dispatch, command specs, replies) knows adapters, the digest and the
  // store only as type-only interfaces, and reads no configuration; the store imports no feature module; the
  // shared module imports nothing of the project.
  {
    files: ['src/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: platformSdks, message: 'Platform SDKs stay in src/adapters.' },
            { group: layer('adapters', 'digest', 'store'), allowTypeImports: true, message: 'The core may import these as types only.' },
            { group: layer('config', 'runtime', 'ops', 'commands', 'cli', 'http'), message: 'The core does not depend on configuration or the layers above it.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: layer('digest', 'adapters', 'commands', 'advisor', 'core', 'runtime', 'ops', 'cli', 'http'), message: 'The store imports no feature module: move the schema it needs into src/store or src/shared.' }] },
      ],
    },
  },
  {
    // The digest posts through the DigestPoster interface; each adapter implements it, runtime wires them.
    files: ['src/digest/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: [...platformSdks, ...layer('adapters', 'runtime', 'cli', 'commands')], message: 'The digest depends only on the poster interface (src/digest/delivery/poster.ts).' }] },
      ],
    },
  },
  {
    files: ['src/shared/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['../*'], message: 'src/shared is the lowest layer.' }] }],
    },
  },
  {
    files: ['bin/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
