/// The window's security settings in one place, as data, so tests can check them without Electron.

/// webPreferences for every app window: the renderer gets no Node, runs sandboxed and isolated
/// from the preload, and can reach the app only through the preload's `window.api`.
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    spellcheck: true
  } as const
}

/// Content-Security-Policy for the renderer. The same policy is the `<meta>` in index.html (the
/// desktop app loads a file://) and the header browser mode sends. `connectSources` adds the
/// WebSocket origin in browser mode.
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // CodeMirror writes element styles at run time; no inline scripts are allowed.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSources].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'"
  ].join('; ')
}

/// Whether a navigation target is the app itself. Everything else (a dropped link, a script's
/// `location =`) is refused: the window only ever shows the app.
export function isAppUrl(target: string, appUrl: string): boolean {
  let parsedTarget: URL
  let parsedApp: URL
  try {
    parsedTarget = new URL(target)
    parsedApp = new URL(appUrl)
  } catch {
    return false
  }
  if (parsedApp.protocol === 'file:') {
    return parsedTarget.protocol === 'file:' && parsedTarget.pathname === parsedApp.pathname
  }
  return parsedTarget.origin === parsedApp.origin
}

/// Minimal shape of an Electron WebContents used by the guards (tests pass a fake).
export interface GuardedContents {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: { preventDefault(): void; url?: string }, url: string) => void
  ): unknown
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void
}

/// Refuses navigation away from the app, new windows and webviews.
export function guardNavigation(
  contents: GuardedContents,
  appUrl: string,
  onRefused: (url: string) => void = () => undefined
): void {
  const refuseForeign = (event: { preventDefault(): void }, url: string): void => {
    if (!isAppUrl(url, appUrl)) {
      event.preventDefault()
      onRefused(url)
    }
  }
  contents.on('will-navigate', refuseForeign)
  contents.on('will-redirect', refuseForeign)
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(({ url }) => {
    onRefused(url)
    return { action: 'deny' }
  })
}
