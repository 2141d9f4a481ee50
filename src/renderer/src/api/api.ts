/// The renderer's one way to the app: the preload's `window.api` in the desktop app, or the
/// WebSocket client in browser mode. Everything else in the renderer imports `getApi()`.
import type { ScriptBuddyApi } from '../../../shared/ipc/contract'
import { createBrowserApi, readToken } from './browser-api'

let api: ScriptBuddyApi | null = null

export class MissingTokenError extends Error {
  constructor() {
    super(
      'This page needs the link Script Buddy printed when it started (it ends in ?token=…). Open that link.'
    )
  }
}

export function getApi(): ScriptBuddyApi {
  if (api) return api
  if (window.api) {
    api = window.api
    return api
  }
  const token = readToken()
  if (!token) throw new MissingTokenError()
  api = createBrowserApi(token)
  return api
}
