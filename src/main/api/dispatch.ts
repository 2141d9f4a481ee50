/// Routes one untrusted call (channel name + payload from a renderer or a socket) to the app API:
/// unknown channels and invalid payloads are refused with a message, exceptions become errors.
import { isInvokeChannel, invokeValidators } from '../../shared/ipc/validators'
import { err, errorFromException, type Result } from '../../shared/result'
import type { AppApi } from './app-api'

export async function dispatchInvoke(
  api: AppApi,
  channel: unknown,
  payload: unknown
): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    return err(
      'unknown-channel',
      `Unknown request '${String(channel)}'. The app and its window may be out of date: restart Script Buddy.`
    )
  }
  const checked = invokeValidators[channel](payload ?? {}, channel)
  if (!checked.ok) return checked
  try {
    const handler = api[channel] as (request: unknown) => Promise<Result<unknown>>
    return await handler(checked.value)
  } catch (exception) {
    console.error(`[script-buddy] ${channel} failed:`, exception)
    return { ok: false, error: errorFromException(exception) }
  }
}
