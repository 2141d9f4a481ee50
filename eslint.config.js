// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { builtinModules } from 'node:module'
import globals from 'globals'

// Layer rules (docs/architecture.md "Layers and folders"): each folder may import only the layers
// below it. ESLint replaces, not merges, a rule's options between config objects, so every folder's
// full list is assembled here from named pieces.
const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)]
const nodeBuiltinRule = { paths: nodeBuiltins, message: 'this layer runs without Node.js APIs' }

const ipcMainOnlyInWrappers = {
  name: 'electron',
  importNames: ['ipcMain'],
  message: 'Register IPC through src/main/ipc (typed handle() with sender and payload checks).'
}
const ipcRendererOnlyInPreload = {
  name: 'electron',
  importNames: ['ipcRenderer'],
  message: 'Only src/preload talks to ipcRenderer; the renderer uses window.api.'
}
const noElectron = { name: 'electron', message: 'this layer must run without Electron' }

function restrict({ paths = [], patterns = [] }) {
  return ['error', { paths, patterns }]
}
const layer = (group, message) => ({ group, message })

const sharedRule = restrict({
  paths: [
    noElectron,
    ...nodeBuiltinRule.paths.map((name) => ({ name, message: nodeBuiltinRule.message }))
  ],
  patterns: [
    layer(['react', 'react-dom', 'react/*'], 'src/shared is plain TypeScript'),
    layer(
      ['**/main/**', '**/renderer/**', '**/server/**', '**/preload/**', '**/training/**'],
      'src/shared imports nothing from other layers'
    )
  ]
})
const rendererRule = restrict({
  paths: [
    noElectron,
    ...nodeBuiltinRule.paths.map((name) => ({ name, message: nodeBuiltinRule.message }))
  ],
  patterns: [
    layer(
      ['**/main/**', '**/server/**', '**/preload/index*', '**/training/**'],
      'the renderer reaches the app only through window.api'
    )
  ]
})
const trainingRule = restrict({
  paths: [noElectron],
  patterns: [
    layer(
      ['**/src/main/**', '**/src/renderer/**', '**/src/server/**', '**/src/preload/**'],
      'training/ depends only on src/shared'
    )
  ]
})
const mainRule = restrict({
  paths: [ipcMainOnlyInWrappers, ipcRendererOnlyInPreload],
  patterns: [
    layer(['**/renderer/**', '**/preload/**'], 'main does not import the renderer or preload')
  ]
})
const mainIpcRule = restrict({ paths: [ipcRendererOnlyInPreload] })
const serverRule = restrict({
  paths: [noElectron],
  patterns: [
    layer(
      ['**/renderer/**', '**/preload/**'],
      'the server serves the built renderer, it does not import it'
    )
  ]
})
const preloadRule = restrict({ paths: [ipcMainOnlyInWrappers] })

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'resources/**',
      '.cache/**',
      'test-results/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      curly: ['error', 'multi-line'],
      eqeqeq: ['error', 'smart'],
      'prefer-const': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' }
      ]
    }
  },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-imports': sharedRule } },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'no-restricted-imports': rendererRule,
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn'
    }
  },
  { files: ['training/**/*.ts'], rules: { 'no-restricted-imports': trainingRule } },
  { files: ['src/main/**/*.ts'], rules: { 'no-restricted-imports': mainRule } },
  { files: ['src/main/ipc/**/*.ts'], rules: { 'no-restricted-imports': mainIpcRule } },
  { files: ['src/server/**/*.ts'], rules: { 'no-restricted-imports': serverRule } },
  { files: ['src/preload/**/*.ts'], rules: { 'no-restricted-imports': preloadRule } },
  {
    files: ['scripts/**/*.{js,mjs}', 'bin/**/*.{js,mjs}', '*.config.js'],
    languageOptions: { globals: globals.node }
  },
  {
    // Config files are loaded by tools that expect a default export.
    files: ['*.config.{js,ts}', 'electron.vite.config.ts'],
    rules: { 'no-restricted-syntax': 'off' }
  }
)
