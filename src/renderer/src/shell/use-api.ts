/// React helpers over `window.api`: the API itself (or why it is unavailable), and a subscription.
import { useEffect, useState } from 'react'
import type { EventChannel, EventContract, ScriptBuddyApi } from '../../../shared/ipc/contract'
import { getApi } from '../api/api'

export function useApi(): { api: ScriptBuddyApi | null; problem: string | null } {
  const [state] = useState(() => {
    try {
      return { api: getApi(), problem: null }
    } catch (error) {
      return { api: null, problem: error instanceof Error ? error.message : String(error) }
    }
  })
  return state
}

export function useEvent<E extends EventChannel>(
  api: ScriptBuddyApi | null,
  event: E,
  listener: (payload: EventContract[E]) => void
): void {
  useEffect(() => (api ? api.on(event, listener) : undefined), [api, event, listener])
}
