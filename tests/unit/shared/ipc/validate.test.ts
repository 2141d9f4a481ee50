import { describe, expect, it } from 'vitest'
import {
  array,
  boolean,
  literal,
  number,
  object,
  optional,
  string
} from '../../../../src/shared/ipc/validate'
import {
  invokeChannels,
  invokeValidators,
  isInvokeChannel
} from '../../../../src/shared/ipc/validators'
import { DEFAULT_SETTINGS, settingsFromUnknown } from '../../../../src/shared/settings/settings'

describe('validators', () => {
  const request = object({
    path: string({ nonEmpty: true }),
    count: optional(number({ min: 1, integer: true })),
    tags: array(literal('a', 'b'), { max: 2 }),
    draft: boolean()
  })

  it('accepts a valid value and drops absent optionals', () => {
    expect(request({ path: 'x.fountain', tags: ['a'], draft: false })).toEqual({
      ok: true,
      value: { path: 'x.fountain', tags: ['a'], draft: false }
    })
  })

  it.each([
    [null, /request must be an object/],
    [{ path: '', tags: [], draft: true }, /path must be a non-empty string/],
    [{ path: 'x', count: 1.5, tags: [], draft: true }, /count must be an integer/],
    [{ path: 'x', tags: ['c'], draft: true }, /tags\[0\] must be one of "a", "b"/],
    [{ path: 'x', tags: ['a', 'b', 'a'], draft: true }, /tags must be a list of at most 2/],
    [{ path: 'x', tags: [], draft: 'yes' }, /draft must be true or false/],
    [{ path: 'x', tags: [], draft: true, admin: true }, /admin must be absent/]
  ])('refuses %j with a message naming the field', (value, message) => {
    const result = request(value)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toMatch(message)
  })

  it('has a validator for every channel', () => {
    expect(invokeChannels.length).toBe(Object.keys(invokeValidators).length)
    expect(isInvokeChannel('app:info')).toBe(true)
    expect(isInvokeChannel('toString')).toBe(false)
    expect(isInvokeChannel('shell:exec')).toBe(false)
  })
})

describe('settings from disk', () => {
  it('keeps valid fields and resets invalid ones', () => {
    const { settings, rejected } = settingsFromUnknown({
      theme: 'dark',
      editorFontSizePt: 'huge',
      unknown: 1
    })
    expect(settings).toEqual({ ...DEFAULT_SETTINGS, theme: 'dark' })
    expect(rejected).toEqual(['editorFontSizePt'])
  })

  it('falls back to defaults for a file that is not an object', () => {
    expect(settingsFromUnknown([1, 2]).settings).toEqual(DEFAULT_SETTINGS)
  })
})
