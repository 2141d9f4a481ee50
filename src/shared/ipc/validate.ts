/// A few composable validators for payloads that cross a process boundary. Every request from a
/// renderer or a WebSocket is `unknown` until one of these says otherwise.
import { err, ok, type Result } from '../result'

export type Validator<T> = (value: unknown, path?: string) => Result<T>

function invalid<T>(path: string, expected: string): Result<T> {
  return err('invalid-request', `${path || 'request'} must be ${expected}`)
}

export function string(options: { max?: number; nonEmpty?: boolean } = {}): Validator<string> {
  const max = options.max ?? 64 * 1024 * 1024
  return (value, path = '') => {
    if (typeof value !== 'string') return invalid(path, 'a string')
    if (options.nonEmpty && value.length === 0) return invalid(path, 'a non-empty string')
    if (value.length > max) return invalid(path, `at most ${max} characters`)
    return ok(value)
  }
}

export function number(options: { min?: number; max?: number; integer?: boolean } = {}): Validator<number> {
  return (value, path = '') => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return invalid(path, 'a finite number')
    if (options.integer && !Number.isInteger(value)) return invalid(path, 'an integer')
    if (options.min !== undefined && value < options.min) return invalid(path, `at least ${options.min}`)
    if (options.max !== undefined && value > options.max) return invalid(path, `at most ${options.max}`)
    return ok(value)
  }
}

export function boolean(): Validator<boolean> {
  return (value, path = '') => (typeof value === 'boolean' ? ok(value) : invalid(path, 'true or false'))
}

export function literal<const T extends readonly (string | number | boolean)[]>(
  ...options: T
): Validator<T[number]> {
  return (value, path = '') =>
    options.includes(value as T[number])
      ? ok(value as T[number])
      : invalid(path, `one of ${options.map((o) => JSON.stringify(o)).join(', ')}`)
}

export function optional<T>(inner: Validator<T>): Validator<T | undefined> {
  return (value, path) => (value === undefined ? ok(undefined) : inner(value, path))
}

export function array<T>(item: Validator<T>, options: { max?: number } = {}): Validator<T[]> {
  return (value, path = '') => {
    if (!Array.isArray(value)) return invalid(path, 'a list')
    if (options.max !== undefined && value.length > options.max) {
      return invalid(path, `a list of at most ${options.max} items`)
    }
    const items: T[] = []
    for (let index = 0; index < value.length; index++) {
      const checked = item(value[index], `${path}[${index}]`)
      if (!checked.ok) return checked
      items.push(checked.value)
    }
    return ok(items)
  }
}

type Shape = Record<string, Validator<unknown>>
type ShapeValue<S extends Shape> = {
  [K in keyof S as undefined extends ValidatedBy<S[K]> ? never : K]: ValidatedBy<S[K]>
} & {
  [K in keyof S as undefined extends ValidatedBy<S[K]> ? K : never]?: ValidatedBy<S[K]>
}
type ValidatedBy<V> = V extends Validator<infer T> ? T : never

/// A plain object with exactly these keys (unknown keys are refused, so a typo never passes silently).
export function object<S extends Shape>(shape: S): Validator<ShapeValue<S>> {
  return (value, path = '') => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return invalid(path, 'an object')
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!(key in shape)) return invalid(path ? `${path}.${key}` : key, 'absent (unknown field)')
    }
    const result: Record<string, unknown> = {}
    for (const [key, validator] of Object.entries(shape)) {
      const checked = validator(record[key], path ? `${path}.${key}` : key)
      if (!checked.ok) return checked as Result<never>
      if (checked.value !== undefined) result[key] = checked.value
    }
    return ok(result as ShapeValue<S>)
  }
}

/// The empty request `{}` (one object argument per call, even when it carries nothing).
export const empty: Validator<Record<string, never>> = object({}) as Validator<Record<string, never>>
