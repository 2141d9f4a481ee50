import type { ScriptBuddyApi } from '../shared/ipc/contract'

declare global {
  interface Window {
    /// Present in the desktop app (preload); absent in browser mode, where the renderer builds the
    /// same API over a WebSocket.
    api?: ScriptBuddyApi
  }
}
