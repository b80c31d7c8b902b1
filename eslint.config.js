// Lint rules, including the import zones of docs/ARCHITECTURE.md ("Contexts"): in-page and extension-page UI never
// import background code (store, services, sync), and background code never imports UI.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// Imports are relative paths, so the patterns match folder names wherever they appear in one.
const BACKGROUND_ONLY = '(^|/)(store|services|sync|background)(/|$)';
const UI_ONLY = '(^|/)(components|content|popup|options)(/|$)|(^|/)messaging/client$';

const zone = (regex, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', '.output/', '.wxt/', '.profiles/', 'e2e/.artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        performance: 'readonly',
        crypto: 'readonly',
        window: 'readonly',
        document: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[property.name='innerHTML']", message: 'Never build markup from strings.' },
        { selector: "MemberExpression[property.name='outerHTML']", message: 'Never build markup from strings.' },
        {
          selector: "CallExpression[callee.property.name='insertAdjacentHTML']",
          message: 'Never build markup from strings.',
        },
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Never build markup from strings.' },
      ],
    },
  },
  {
    files: [
      'components/**',
      'entrypoints/content/**',
      'entrypoints/popup/**',
      'entrypoints/options/**',
      'lib/messaging/client.ts',
    ],
    rules: zone(BACKGROUND_ONLY, 'UI code talks to the background through lib/messaging, never imports it.'),
  },
  {
    files: ['entrypoints/background/**', 'lib/store/**', 'lib/services/**', 'lib/sync/**'],
    rules: zone(UI_ONLY, 'Background code never imports UI code.'),
  },
  {
    files: ['lib/model/**', 'lib/crm/**', 'lib/messaging/protocol.ts', 'lib/messaging/views.ts'],
    rules: zone(`${BACKGROUND_ONLY}|${UI_ONLY}`, 'Shared ground (lib/model, lib/crm, protocol) imports neither side.'),
  },
  {
    files: ['**/*.test.ts', 'tests/**', 'e2e/**', 'bench/**', 'scripts/**', 'demo/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['**/*.mjs', 'e2e/**', 'bench/**', 'scripts/**', 'demo/**'],
    languageOptions: {
      globals: {
        Buffer: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        chrome: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
  },
  {
    // The demo CRM imitates a CRM's own page code: it renders its own escaped templates
    // (demo/html.mjs escapeHtml). It is not extension code and never sees extension data.
    files: ['demo/**'],
    languageOptions: {
      globals: {
        location: 'readonly',
        history: 'readonly',
        addEventListener: 'readonly',
        HTMLInputElement: 'readonly',
        Element: 'readonly',
      },
    },
    rules: { 'no-restricted-syntax': 'off' },
  },
);
