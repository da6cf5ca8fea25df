// ESLint (flat config): typescript-eslint's type-checked rules everywhere TypeScript is, Lit's,
// web components' and Lit a11y rules on the widget. Formatting is Prettier's alone
// (.prettierrc.json), so no rule here is about layout.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'packages/*/dist/',
      'node_modules/',
      'coverage/',
      'src/generated/',
      'integrations/**/vendor/',
      '.tsbuild/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            '*.ts',
            '*.mjs',
            'bench/*.mjs',
            'scripts/*.mjs',
            'scripts/*.d.mts',
            'test/support/*.mjs',
            'test/support/*.d.mts',
            'test/node/*.mjs',
          ],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      eqeqeq: ['error', 'always'],
      // An empty attribute or src means "not set" here, as `||` says; `??` would keep the ''.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', { ignorePrimitives: { string: true } }],
      // Numbers and booleans read naturally in messages and URLs; objects and undefined stay errors.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's test() and describe() return promises that the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**'],
    ignores: ['server/pages/template.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/src/**'], message: 'The service never imports the widget.' }],
          paths: [
            {
              name: 'lit/directives/unsafe-html.js',
              message: 'Markup goes into a page only through trustedHtml (server/pages/template.ts).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/pages/template.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**'], message: 'The service never imports the widget.' },
            { group: ['**/store/testing*'], message: "The store's test hooks are for tests only." },
          ],
        },
      ],
    },
  },
  {
    // The engines implement the test hooks beside themselves; the tests use them.
    files: ['server/store/**', 'server/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**'], message: 'The service never imports the widget.' }] },
      ],
    },
  },
  {
    // The running service; its tests may import the scripts they test.
    files: ['server/**'],
    ignores: ['server/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/src/**'], message: 'The service never imports the widget.' },
            {
              group: ['**/scripts/**'],
              message: 'The service never imports the build scripts: what both need lives in server/ or contract/.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'server/test/**'],
    rules: {
      // A test that meets a missing node fails at once with a clear TypeError, which is what a test should do.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['test/*.test.ts'],
    rules: {
      // chai-a11y-axe types every chai Assertion as thenable; the one real promise, to.be.accessible(), is awaited.
      '@typescript-eslint/no-floating-promises': 'off',
      // chai's property assertions (`to.be.true`) are expressions by design.
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...litA11y.configs.recommended,
    plugins: { 'lit-a11y': litA11y },
  },
  {
    files: ['src/signing/place-combobox.ts'],
    rules: {
      // The field is named by <label for="place">, which the rule does not follow.
      'lit-a11y/accessible-name': 'off',
      // The options are chosen by keyboard in the field itself (aria-activedescendant); a click is the pointer's way.
      'lit-a11y/click-events-have-key-events': 'off',
    },
  },
  {
    // Browser code, and the bench's and tests' functions that run inside a page.
    files: ['src/**/*.ts', 'embed/*.js', 'test/**/*.ts', 'test/fixtures/**', 'bench/**', 'scripts/screenshot.mjs'],
    ignores: ['test/e2e/**'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'server/**/*.ts', 'test/e2e/**', 'test/node/**', 'bench/**', 'scripts/**', '*.ts'],
    languageOptions: { globals: globals.node },
  },
  {
    // Plain JavaScript: the type-checked rules need types these files do not declare.
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
