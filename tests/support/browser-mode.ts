/// Starts the real browser-mode app (services, utility-process hosts, server) on a free port with
/// a fresh user data folder, for end-to-end tests.
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startBrowserMode } from '../../src/server/main'

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer')
export const SCREENSHOT_DIR = join(REPO_ROOT, 'test-results')

export function rendererMissingReason(): string | null {
  return existsSync(join(RENDERER_DIR, 'index.html'))
    ? null
    : 'the renderer is not built: run `npm run build:app` (npm test does it first)'
}

/// `rendererDir`: another built renderer (the editor benchmark compares two builds in one run).
export async function startTestApp(
  userDataDir = mkdtempSync(join(tmpdir(), 'sb-e2e-')),
  rendererDir = RENDERER_DIR
) {
  const app = await startBrowserMode({ userDataDir, rendererDir, port: 0 })
  return { ...app, userDataDir }
}
