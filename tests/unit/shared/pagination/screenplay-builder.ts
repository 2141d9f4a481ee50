// Tiny test helper: builds Screenplay objects directly (the Fountain parser lives on another
// branch). Source ranges are synthetic: consecutive, one element after the other.
import type {
  CharacterCue,
  Screenplay,
  ScreenplayElement,
  TitlePageEntry
} from '../../../../src/shared/fountain/elements'

type Draft = Omit<ScreenplayElement, 'from' | 'to'> & Record<string, unknown>

export function heading(text: string, sceneNumber?: string): Draft {
  return sceneNumber
    ? { type: 'scene-heading', text, sceneNumber }
    : { type: 'scene-heading', text }
}
export function action(text: string): Draft {
  return { type: 'action', text }
}
export function cue(text: string, dual = false): Draft {
  const match = /^([^(]*?)\s*((?:\([^)]*\)\s*)*)$/.exec(text)
  const name = (match?.[1] ?? text).trim()
  const extensions = [...(match?.[2] ?? '').matchAll(/\(([^)]*)\)/g)].map((found) => found[1])
  const element: Omit<CharacterCue, 'from' | 'to'> = { type: 'character', text, name, extensions }
  if (dual) element.dual = true
  return element as Draft
}
export function paren(text: string): Draft {
  return { type: 'parenthetical', text }
}
export function speech(text: string): Draft {
  return { type: 'dialogue', text }
}
export function transition(text: string): Draft {
  return { type: 'transition', text }
}
export function centered(text: string): Draft {
  return { type: 'centered', text }
}
export function pageBreak(): Draft {
  return { type: 'page-break', text: '' }
}

export function screenplay(drafts: Draft[], titlePage: Array<[string, string[]]> = []): Screenplay {
  let offset = 0
  const entries: TitlePageEntry[] = titlePage.map(([key, lines]) => {
    const from = offset
    offset += key.length + lines.join('\n').length + 3
    return { key, lines, from, to: offset }
  })
  const elements = drafts.map((draft) => {
    const from = offset
    offset += draft.text.length + 2
    return { ...draft, from, to: from + draft.text.length } as ScreenplayElement
  })
  return { titlePage: entries, elements }
}

// Deterministic sentence generator: `count` sentences of 4–12 words.
export function sentences(count: number, seed = 1): string {
  const words = [
    'the',
    'door',
    'opens',
    'slowly',
    'and',
    'rain',
    'falls',
    'on',
    'a',
    'quiet',
    'street'
  ]
  let state = seed
  const next = (): number => {
    state = (state * 1103515245 + 12345) % 2147483648
    return state
  }
  const out: string[] = []
  for (let index = 0; index < count; index += 1) {
    const length = 4 + (next() % 9)
    const sentence = Array.from({ length }, () => words[next() % words.length]).join(' ')
    out.push(sentence[0].toUpperCase() + sentence.slice(1) + '.')
  }
  return out.join(' ')
}
