// @vitest-environment jsdom
import { CompletionContext, startCompletion, type CompletionResult } from '@codemirror/autocomplete'
import { EditorSelection, EditorState } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { describe, expect, it } from 'vitest'
import {
  screenplayCompletion,
  screenplayCompletionSource
} from '../../../../src/renderer/src/editor/screenplay-completion'
import { fountainLanguage } from '../../../../src/renderer/src/editor/fountain-language'

const script = [
  'INT. DINER - NIGHT',
  '',
  'ANNA',
  'Hi.',
  '',
  'BEN',
  'Hello.',
  '',
  'EXT. PARKING LOT - NIGHT',
  '',
  'CARL',
  'Yo.',
  '',
  ''
].join('\n')

// Runs the source at the end of `script + typed` (or at `|` in it).
function complete(typed: string, explicit = false, config = {}): CompletionResult | null {
  const text = script + typed
  const cursor = text.indexOf('|')
  const doc = cursor >= 0 ? text.slice(0, cursor) + text.slice(cursor + 1) : text
  const pos = cursor >= 0 ? cursor : doc.length
  const state = EditorState.create({
    doc,
    selection: EditorSelection.cursor(pos),
    extensions: [fountainLanguage(), screenplayCompletion(config)]
  })
  return screenplayCompletionSource(new CompletionContext(state, pos, explicit))
}

function labels(result: CompletionResult | null): string[] {
  return result ? result.options.map((option) => option.label) : []
}

// What the user has typed since `from`.
function prefix(typed: string, result: CompletionResult | null): string {
  return (script + typed).slice(result!.from)
}

describe('screenplayCompletionSource', () => {
  it("offers the names the scene's action introduces, after the cast", () => {
    const result = complete('Rain. MARGARET HOLLIS (60s) sorts charts.\n\nM')
    const introduced = result!.options.filter((option) => option.detail === 'introduced')
    expect(introduced.map((option) => option.label)).toEqual([
      'MARGARET HOLLIS',
      'HOLLIS',
      'MARGARET'
    ])
    expect(labels(result).slice(0, 3)).toEqual(['CARL', 'BEN', 'ANNA'])
    // Only this scene's: the diner's action is another scene.
    expect(labels(complete('M'))).not.toContain('MARGARET HOLLIS')
  })

  it('offers the cast on a cue line, most recent speaker first', () => {
    const result = complete('C')
    expect(labels(result).slice(0, 3)).toEqual(['CARL', 'BEN', 'ANNA'])
    expect(prefix('C', result)).toBe('C')
    const boosts = result!.options.slice(0, 3).map((option) => option.boost ?? 0)
    expect(boosts[0]).toBeGreaterThan(boosts[1])
    expect(boosts[1]).toBeGreaterThan(boosts[2])
  })

  it('offers the cast after @, and in recency order before the cursor', () => {
    expect(labels(complete('@')).slice(0, 3)).toEqual(['CARL', 'BEN', 'ANNA'])
    const middle = complete('|')
    expect(middle).toBeNull()
    const explicitAtStart = complete('', true)
    expect(labels(explicitAtStart)).toContain('ANNA')
  })

  it('never offers back the half-typed cue itself', () => {
    // '@CA' followed by a speech line parses as a cue named CA; it is not a cast member to offer.
    const result = complete('@CA|\nWhere is everyone?\n')
    expect(labels(result)).not.toContain('CA')
    expect(labels(result)).toContain('CARL')
  })

  it('does not pop up names while typing a sentence', () => {
    expect(labels(complete('Carl walks'))).not.toContain('CARL')
    expect(complete('Carl walks')).toBeNull()
  })

  it('offers INT./EXT./INT./EXT./EST. at the start of a block, even typed in lower case', () => {
    expect(labels(complete('in'))).toEqual(['INT.', 'INT./EXT.'])
    expect(labels(complete('E'))).toEqual(expect.arrayContaining(['EXT.', 'EST.']))
    const result = complete('E')
    const option = result!.options.find((item) => item.label === 'EXT.')
    expect(option?.apply).toBe('EXT. ')
  })

  it('offers nothing in the middle of a paragraph', () => {
    expect(complete('Rain.\nC')).toBeNull()
  })

  it('offers known locations after the heading prefix', () => {
    const result = complete('INT. P')
    expect(labels(result)).toEqual(['DINER', 'PARKING LOT'])
    expect(prefix('INT. P', result)).toBe('P')
    expect(result!.options[1].apply).toBe('PARKING LOT - ')
  })

  it('offers times of day after " - " on a heading', () => {
    const result = complete('EXT. ALLEY - MO')
    expect(labels(result)).toEqual([
      'DAY',
      'NIGHT',
      'CONTINUOUS',
      'LATER',
      'MORNING',
      'EVENING',
      'MOMENTS LATER',
      'SAME'
    ])
    expect(prefix('EXT. ALLEY - MO', result)).toBe('MO')
  })

  it('closes the time list once a time is typed out, so Enter ends the heading', () => {
    expect(complete('\nINT. GALLEY - NIGHT')).toBeNull()
    const partial = complete('\nINT. GALLEY - NIG')
    expect(labels(partial)).toContain('NIGHT')
    expect(
      typeof partial!.validFor === 'function' && partial!.validFor('NIGHT', 0, 0, partial as never)
    ).toBe(false)
    // LATER is complete, but MOMENTS LATER does not start with it; MOMENTS still offers more.
    expect(labels(complete('\nINT. GALLEY - MOMENTS'))).toContain('MOMENTS LATER')
  })

  it('offers extensions after a cue name', () => {
    const afterSpace = complete('CARL ')
    expect(labels(afterSpace)).toEqual(['(V.O.)', '(O.S.)', "(CONT'D)"])
    expect(prefix('CARL ', afterSpace)).toBe('')
    const afterParen = complete('CARL (V')
    expect(prefix('CARL (V', afterParen)).toBe('(V')
  })

  it('offers transitions at the start of a block and after >', () => {
    expect(labels(complete('SM'))).toContain('SMASH CUT TO:')
    expect(labels(complete('> '))).toEqual([
      'CUT TO:',
      'FADE OUT.',
      'DISSOLVE TO:',
      'SMASH CUT TO:',
      'MATCH CUT TO:'
    ])
  })

  it('joins extra word lists from the configuration', () => {
    const result = complete('EXT. ALLEY - ', false, { timesOfDay: ['DUSK'] })
    expect(labels(result)).toContain('DUSK')
    expect(labels(result)).toContain('NIGHT')
  })

  it('works without the screenplay field installed', () => {
    const state = EditorState.create({ doc: script + 'A', extensions: screenplayCompletion() })
    const result = screenplayCompletionSource(new CompletionContext(state, state.doc.length, false))
    expect(labels(result)).toContain('ANNA')
  })
})

describe('screenplayCompletion list', () => {
  it('draws options without type icons, the detail naming the kind', async () => {
    const state = EditorState.create({
      doc: `${script}C`,
      selection: EditorSelection.cursor(script.length + 1),
      extensions: [fountainLanguage(), screenplayCompletion()]
    })
    const view = new EditorView({ state, parent: document.body })
    try {
      startCompletion(view)
      for (let tries = 0; tries < 50 && !view.dom.querySelector('.cm-completionLabel'); tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10))
      }
      expect(view.dom.querySelector('.cm-completionLabel')?.textContent).toBe('CARL')
      expect(view.dom.querySelector('.cm-completionDetail')?.textContent).toBe('character')
      expect(view.dom.querySelector('.cm-completionIcon')).toBeNull()
    } finally {
      view.destroy()
    }
  })
})
