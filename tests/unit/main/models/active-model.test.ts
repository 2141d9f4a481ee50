// Which model the inference host runs and with how many threads.
import { describe, expect, it } from 'vitest'
import {
  activeModelSelection,
  embeddedModelFolder,
  inferenceThreads
} from '../../../../src/main/models/active-model'
import { DEFAULT_SETTINGS } from '../../../../src/shared/settings/settings'

describe('activeModelSelection', () => {
  it('runs the embedded model on the CPU, leaving one core to the editor', () => {
    const selection = activeModelSelection({
      resourcesDir: '/app/resources',
      userDataDir: '/data',
      settings: DEFAULT_SETTINGS,
      cores: 8
    })
    expect(selection.folder).toBe(embeddedModelFolder('/app/resources'))
    expect(selection.engine?.executionProviders).toEqual(['cpu'])
    expect(selection.engine?.threads).toBe(7)
  })

  it('uses one thread on one or two cores', () => {
    expect(inferenceThreads(2)).toBe(1)
    expect(inferenceThreads(1)).toBe(1)
  })
})
