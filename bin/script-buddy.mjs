#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's API, so `script-buddy …` works after `npm link`.
import { tsImport } from 'tsx/esm/api'

await tsImport('../training/cli.ts', import.meta.url)
