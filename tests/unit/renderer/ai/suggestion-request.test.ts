// What the editor asks the model for: in a cue, a name from the cast (constrained decoding);
// anywhere else, no constraint. Fixture text is our own.
import { EditorState } from '@codemirror/state'
import { describe, expect, it } from 'vitest'
import { buildSuggestionRequest } from '../../../../src/renderer/src/ai/suggestion-request'
import { invokeValidators } from '../../../../src/shared/ipc/validators'

const script = 'INT. LIGHTHOUSE - NIGHT\n\nELSA\nThe lamp.\n\nTOMAS\nIt holds.\n\n'
const options = {
  alternatives: 3,
  temperature: 0.8,
  maxPromptChars: 4000,
  windowTokens: 512,
  trigger: 'explicit' as const,
  maxChars: null,
  mode: 'continue-element' as const
}

describe('buildSuggestionRequest', () => {
  it('asks for a name from the cast in a cue being typed', () => {
    const doc = `${script}E`
    const plan = buildSuggestionRequest(EditorState.create({ doc }), doc.length, options)
    expect(plan.continuation.expect).toBe('character-name')
    expect(plan.request.config?.nameChoices).toEqual({ typed: 'E', names: ['ELSA'] })
    // The app's IPC boundary accepts it.
    const checked = invokeValidators['generation:start']({ ...plan.request, requestId: 'r1' }, '')
    expect(checked.ok).toBe(true)
  })

  it("offers the script's nearest speakers who fit when no speaker of the scene does", () => {
    const doc = `INT. HARBOUR - DAY\n\nBRANN\nRope!\n\n${script}B`
    const plan = buildSuggestionRequest(EditorState.create({ doc }), doc.length, options)
    expect(plan.request.config?.nameChoices).toEqual({
      typed: 'B',
      names: ['BRANN']
    })
  })

  it('leaves dialogue unconstrained', () => {
    const doc = `${script}ELSA\n`
    const plan = buildSuggestionRequest(EditorState.create({ doc }), doc.length, options)
    expect(plan.request.config?.nameChoices).toBeNull()
  })

  it("keeps the prompt inside the model's window beside the output it asks for", () => {
    const scene = (n: number) => `INT. ROOM ${n} - DAY\n\nELSA\nLine ${n} of the night.\n\n`
    const doc = `${Array.from({ length: 200 }, (_, n) => scene(n)).join('')}TOMAS\n`
    const wide = buildSuggestionRequest(EditorState.create({ doc }), doc.length, {
      ...options,
      windowTokens: 4096
    })
    const narrow = buildSuggestionRequest(EditorState.create({ doc }), doc.length, {
      ...options,
      windowTokens: 200
    })
    expect(wide.request.prompt.length).toBeGreaterThan(3000)
    // (200 − 80 dialogue tokens) × 3 characters per token
    expect(narrow.request.prompt.length).toBeLessThanOrEqual(360)
    expect(narrow.request.prompt.endsWith('TOMAS\n')).toBe(true)
  })
})
