import nextPlugin from '@next/eslint-plugin-next';
import boundaries from 'eslint-plugin-boundaries';
import drizzle from 'eslint-plugin-drizzle';
import tseslint from 'typescript-eslint';

// The layers, and who may import whom (a type-only import is erased at build, so it crosses freely):
// lib/ holds pure modules shared by the browser and the server and imports no other layer;
// components/ (browser) reach the server through tRPC only; db/ never imports server/ or app/.
const layers = [
  { type: 'lib', pattern: 'lib' },
  { type: 'components', pattern: 'components' },
  { type: 'db', pattern: 'db' },
  { type: 'server', pattern: 'server' },
  { type: 'app', pattern: 'app' },
  { type: 'i18n', pattern: 'i18n' },
];
const valueImport = { kind: 'value' };

export default tseslint.config(
  { ignores: ['node_modules/**', '.next*/**', '.data*/**', 'db/migrations/**', 'next-env.d.ts', 'coverage/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { '@next/next': nextPlugin, drizzle },
    rules: {
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs['core-web-vitals'].rules,
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'drizzle/enforce-delete-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
      'drizzle/enforce-update-with-where': ['error', { drizzleObjectName: ['db', 'tx'] }],
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['lib/**', 'components/**', 'db/**', 'server/**', 'app/**', 'i18n/**'],
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          policies: [
            {
              from: { element: { type: 'lib' } },
              disallow: { to: { element: { types: ['components', 'db', 'server', 'app'] } }, dependency: valueImport },
            },
            {
              from: { element: { type: 'components' } },
              disallow: { to: { element: { types: ['db', 'server', 'app'] } }, dependency: valueImport },
            },
            {
              from: { element: { type: 'db' } },
              disallow: { to: { element: { types: ['server', 'app', 'components'] } } },
            },
          ],
        },
      ],
    },
  },
);
