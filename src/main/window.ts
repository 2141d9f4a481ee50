/// Creates the app window with the security settings of security.ts and the navigation guards.
import { BrowserWindow, session } from 'electron'
import { guardNavigation, secureWebPreferences } from './security'

export function createMainWindow(options: { preloadPath: string; appUrl: string }): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Script Buddy',
    backgroundColor: '#f4f1ea',
    webPreferences: secureWebPreferences(options.preloadPath)
  })
  guardNavigation(window.webContents, options.appUrl, (url) =>
    console.warn(`[script-buddy] refused navigation to ${url}`)
  )
  window.once('ready-to-show', () => window.show())
  void window.loadURL(options.appUrl)
  return window
}

/// The app asks for no device or notification permissions: refuse them all.
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false)
  )
  session.defaultSession.setPermissionCheckHandler(() => false)
}
