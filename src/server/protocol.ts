/// Messages over the browser-mode WebSocket: the same invoke/event contract as Electron IPC, framed
/// as JSON. The renderer side lives in src/renderer/src/api/browser-api.ts.
export type ClientMessage = { type: 'invoke'; id: number; channel: string; request: unknown }

export type ServerMessage =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'event'; event: string; payload: unknown }
