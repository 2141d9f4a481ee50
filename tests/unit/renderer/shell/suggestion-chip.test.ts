import { describe, expect, it } from 'vitest'
import { chipText } from '../../../../src/renderer/src/shell/suggestion-chip-text'

describe('chipText', () => {
  it('names the alternative shown and the keys that act on it', () => {
    expect(chipText({ status: 'shown', count: 2, index: 1 })).toEqual({
      label: 'Suggestion 2/2',
      keys: 'Tab accept · Ctrl+→ word · Alt+] / Alt+[ other · Esc dismiss'
    })
    expect(chipText({ status: 'streaming', count: 1, index: 0 })).toEqual({
      label: 'Writing… 1/1',
      keys: 'Tab accept · Ctrl+→ word · Alt+] / Alt+[ other · Esc dismiss'
    })
    expect(chipText({ status: 'loading', count: 0, index: 0 }).label).toBe('Asking the model…')
  })

  it('leaves out the cycling keys once a suggestion has one alternative', () => {
    expect(chipText({ status: 'shown', count: 1, index: 0 }).keys).toBe(
      'Tab accept · Ctrl+→ word · Esc dismiss'
    )
  })

  it('says why the model could not continue, with no keys', () => {
    expect(chipText({ status: 'error', count: 0, index: 0, error: 'no model' })).toEqual({
      label: 'The model could not continue: no model',
      keys: null
    })
  })
})
