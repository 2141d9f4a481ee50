import { useCallback, useEffect, useState } from 'react'
import type { AppInfo, HostStatus, ScriptBuddyApi } from '../../../shared/ipc/contract'
import { useEvent } from './use-api'

const stateLabels: Record<HostStatus['state'], string> = {
  starting: 'starting…',
  ready: 'ready',
  restarting: 'restarting…',
  crashed: 'stopped after crashes',
  stopped: 'idle'
}

/// Bottom bar: which shell runs the app and how its engines (utility processes) are doing.
export function StatusBar({ api, info }: { api: ScriptBuddyApi; info: AppInfo | null }) {
  const [hosts, setHosts] = useState<HostStatus[]>([])
  const [problem, setProblem] = useState<string | null>(null)

  const check = useCallback(async () => {
    const result = await api.invoke('hosts:status', { ping: true })
    if (result.ok) {
      setHosts(result.value)
      setProblem(null)
    } else {
      setProblem(result.error.message)
    }
  }, [api])

  useEffect(() => {
    void check()
  }, [check])

  useEvent(
    api,
    'hosts:changed',
    useCallback((status: HostStatus) => {
      setHosts((current) => current.map((host) => (host.name === status.name ? status : host)))
    }, [])
  )

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span data-testid="app-mode">
        {info
          ? `${info.name} ${info.version} · ${info.mode === 'desktop' ? 'desktop' : 'browser mode'}`
          : 'connecting…'}
      </span>
      {hosts.map((host) => (
        <span
          key={host.name}
          className={`host host-${host.state}`}
          data-testid={`host-${host.name}`}
          title={host.lastError ?? ''}
        >
          {host.name}: {stateLabels[host.state]}
          {host.roundTripMs !== null && host.state === 'ready' ? ` (${host.roundTripMs} ms)` : ''}
        </span>
      ))}
      {problem && <span className="status-problem">{problem}</span>}
      <button
        type="button"
        className="link-button"
        onClick={() => void check()}
        data-testid="check-engines"
      >
        Check engines
      </button>
    </footer>
  )
}
