/// Electron entry: the desktop app's composition root. Services are built by app-services.ts (shared
/// with browser mode); this file adds what only the desktop has — windows, utility processes, IPC.
import { app, BrowserWindow } from 'electron'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { createAppServices, type RunningApp } from './app-services'
import { createElectronDialogs } from './dialogs'
import { createElectronHostLauncher } from './hosts/electron-host-launcher'
import { registerElectronIpc, sendToWindows } from './ipc/electron-ipc'
import { isAppUrl } from './security'
import { createMainWindow, denyAllPermissions } from './window'

const bundleDir = import.meta.dirname
const devServerUrl = process.env.ELECTRON_RENDERER_URL
const appUrl = devServerUrl ?? pathToFileURL(join(bundleDir, '../renderer/index.html')).href

let running: RunningApp | null = null

async function start(): Promise<void> {
  await app.whenReady()
  denyAllPermissions()
  running = await createAppServices({
    mode: 'desktop',
    userDataDir: process.env.SCRIPT_BUDDY_USER_DATA ?? app.getPath('userData'),
    launchHost: createElectronHostLauncher(bundleDir),
    emit: sendToWindows,
    dialogs: createElectronDialogs(() => app.getPath('documents')),
    documentsDir: app.getPath('documents'),
    resourcesDir: join(app.getAppPath(), 'resources'),
    prepareModel: true,
    version: app.getVersion()
  })
  registerElectronIpc(running.api, (url) => isAppUrl(url, appUrl))
  createMainWindow({ preloadPath: join(bundleDir, '../preload/index.cjs'), appUrl })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) {
      createMainWindow({ preloadPath: join(bundleDir, '../preload/index.cjs'), appUrl })
    }
  })
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

app.on('will-quit', (event) => {
  if (!running) return
  const closing = running
  running = null
  event.preventDefault()
  void closing.dispose().finally(() => app.quit())
})

start().catch((error: unknown) => {
  console.error('[script-buddy] could not start:', error)
  app.exit(1)
})
