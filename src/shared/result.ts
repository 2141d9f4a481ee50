/// Expected failures cross every boundary as data: `{ ok: false, error }` with a code the caller can
/// branch on and a message that tells the writer what to do next.

/// Every failure the app reports on purpose. Add a code when a caller needs to tell one failure from
/// another; keep the message for the human.
export type ErrorCode =
  | 'invalid-request'
  | 'forbidden'
  | 'not-found'
  | 'unknown-channel'
  | 'io-error'
  | 'bad-input'
  | 'too-large'
  | 'cancelled'
  | 'timeout'
  | 'host-unavailable'
  | 'host-crashed'
  | 'model-error'
  | 'training-error'
  | 'unsupported'
  | 'internal'
  | 'network'
  | 'checksum'

/// A failure the writer (or the caller's code) can act on.
export interface AppError {
  code: ErrorCode
  /// One or two sentences for a person: what went wrong and what to do next.
  message: string
  /// Technical detail for logs (an errno, a stack); never the only explanation.
  detail?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError }

export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

export function err<T = never>(code: ErrorCode, message: string, detail?: string): Result<T> {
  return detail === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, detail } }
}

/// Serialises an unexpected exception into an AppError (VS Code's `{ name, message, stack }` idea):
/// the stack goes to `detail`, the message stays readable.
export function errorFromException(
  exception: unknown,
  code: ErrorCode = 'internal',
  hint = 'This is a bug in Script Buddy; your text is safe. Try again, and report it if it repeats.'
): AppError {
  const text = exception instanceof Error ? exception.message : String(exception)
  const stack = exception instanceof Error ? exception.stack : undefined
  return { code, message: `${text}. ${hint}`, ...(stack ? { detail: stack } : {}) }
}

/// Unwraps a Result or throws: for tests and for places where failure is truly a bug.
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value
  throw new Error(`${result.error.code}: ${result.error.message}`)
}
