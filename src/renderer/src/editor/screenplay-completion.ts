/// Model-free completions from the script itself: cast names on cue lines (most recent speakers
/// first, then the names the scene's action introduces in capitals), INT./EXT. at the start of a
/// block, locations after the heading prefix, times of day after ` - `, cue extensions after a
/// name, and transitions.

import {
  autocompletion,
  type Completion,
  type CompletionContext,
  type CompletionResult
} from '@codemirror/autocomplete'
import { combineConfig, EditorState, Facet, type Extension } from '@codemirror/state'
import { sceneIntroductions } from '../../../shared/ai/scene-mentions'
import { castOf, locationsOf, sceneAt } from '../../../shared/fountain/screenplay-queries'
import { isAllCaps } from '../../../shared/fountain/line-patterns'
import { screenplayOf } from './screenplay-state'

/// Word lists offered by `screenplayCompletion`, added to the defaults (lists from several
/// configurations are joined).
export interface ScreenplayCompletionConfig {
  /// Offered at the start of a block. Default INT., EXT., INT./EXT., EST.
  headingPrefixes?: readonly string[]
  /// Offered after ` - ` on a heading. Default DAY, NIGHT, CONTINUOUS, LATER, MORNING, EVENING,
  /// MOMENTS LATER, SAME.
  timesOfDay?: readonly string[]
  /// Offered at the start of a block (and after `>`). Default CUT TO:, FADE OUT., DISSOLVE TO:,
  /// SMASH CUT TO:, MATCH CUT TO:.
  transitions?: readonly string[]
  /// Cue extensions offered after a name, without parentheses. Default V.O., O.S., CONT'D.
  extensions?: readonly string[]
}

const joinLists = (a: readonly string[], b: readonly string[]): readonly string[] => [
  ...new Set([...a, ...b])
]

const defaultLists: Required<ScreenplayCompletionConfig> = {
  headingPrefixes: ['INT.', 'EXT.', 'INT./EXT.', 'EST.'],
  timesOfDay: [
    'DAY',
    'NIGHT',
    'CONTINUOUS',
    'LATER',
    'MORNING',
    'EVENING',
    'MOMENTS LATER',
    'SAME'
  ],
  transitions: ['CUT TO:', 'FADE OUT.', 'DISSOLVE TO:', 'SMASH CUT TO:', 'MATCH CUT TO:'],
  extensions: ['V.O.', 'O.S.', "CONT'D"]
}

/// The combined completion configuration of a state: the default lists plus every list given.
export const screenplayCompletionConfig = Facet.define<
  ScreenplayCompletionConfig,
  Required<ScreenplayCompletionConfig>
>({
  combine(configs) {
    // The defaults go in as the first configuration so that given lists add to them.
    return combineConfig<Required<ScreenplayCompletionConfig>>(
      [defaultLists, ...configs],
      {},
      {
        headingPrefixes: joinLists,
        timesOfDay: joinLists,
        transitions: joinLists,
        extensions: joinLists
      }
    )
  }
})

const headingStart = /^\.?(?:INT\.?\/EXT|EXT\.?\/INT|I\.?\/E|INT|EXT|EST)\.?\s+/i
const cueWithExtension = /^(@?)([^\s(][^(]*?)\s+(\([^)]*)?$/
const timeSeparator = ' - '

/// The completion source. Reads the parsed screenplay from `screenplayField` when installed.
export function screenplayCompletionSource(context: CompletionContext): CompletionResult | null {
  const { state, pos, explicit } = context
  const line = state.doc.lineAt(pos)
  const before = line.text.slice(0, pos - line.from)
  const typed = before.trimStart()
  const typedFrom = pos - typed.length
  const afterBlank = line.number === 1 || state.doc.line(line.number - 1).text.trim() === ''
  if (!afterBlank) return null
  const config = state.facet(screenplayCompletionConfig)

  const heading = headingStart.exec(typed)
  if (heading) {
    const rest = typed.slice(heading[0].length)
    const separator = rest.lastIndexOf(timeSeparator)
    if (separator >= 0) {
      const time = rest.slice(separator + timeSeparator.length).trimStart()
      // A time typed out in full closes the list, so Enter ends the heading instead of accepting
      // the same word again (unless a longer time still starts with it: MORNING / MOMENTS LATER).
      const complete = (text: string): boolean => {
        const upper = text.toUpperCase()
        return (
          config.timesOfDay.includes(upper) &&
          !config.timesOfDay.some((label) => label !== upper && label.startsWith(upper))
        )
      }
      if (complete(time)) return null
      return {
        from: pos - time.length,
        options: config.timesOfDay.map((label) => ({ label, type: 'constant', detail: 'time' })),
        validFor: (text) => /^[\w ]*$/.test(text) && !complete(text)
      }
    }
    // Leave out the heading being typed: its half-written location is no suggestion.
    const screenplay = screenplayOf(state)
    const others = screenplay.elements.filter((element) => element.from !== line.from)
    const locations = locationsOf({ ...screenplay, elements: others }).map((use) => use.location)
    if (locations.length === 0) return null
    return {
      from: typedFrom + heading[0].length,
      options: locations.map((location) => ({
        label: location,
        type: 'text',
        detail: 'location',
        apply: `${location}${timeSeparator}`
      })),
      validFor: /^[^-–—]*$/
    }
  }

  const cue = cueWithExtension.exec(typed)
  if (cue && (cue[1] === '@' || isAllCaps(cue[2]))) {
    const extension = cue[3] ?? ''
    return {
      from: pos - extension.length,
      options: config.extensions.map((name) => ({
        label: `(${name})`,
        type: 'keyword',
        detail: 'extension'
      })),
      validFor: /^\(?[\w.' ]*\)?$/
    }
  }

  if (typed.includes('(') || (typed === '' && !explicit)) return null
  return blockStartCompletions(context, typed, typedFrom, config)
}

// Names, heading prefixes and transitions for the first words of a block.
function blockStartCompletions(
  context: CompletionContext,
  typed: string,
  typedFrom: number,
  config: Required<ScreenplayCompletionConfig>
): CompletionResult | null {
  const { state, explicit } = context
  const marker = typed[0] === '@' || typed[0] === '>' || typed[0] === '.' ? typed[0] : ''
  const words = typed.slice(marker.length).trimStart()
  const from = typedFrom + typed.length - words.length
  const capitals = words === '' || !/\p{Ll}/u.test(words)
  const options: Completion[] = []
  if (marker === '' || marker === '@') {
    if (capitals || marker === '@' || explicit) {
      // The cue being typed is itself parsed as a (later) speaker: never offer it back.
      const typedName = words.trim().toUpperCase()
      const screenplay = screenplayOf(state)
      const lineFrom = state.doc.lineAt(context.pos).from
      const cast = castOf(screenplay, lineFrom).filter((name) => name !== typedName)
      cast.forEach((name, index) =>
        options.push({
          label: name,
          type: 'variable',
          detail: 'character',
          boost: Math.max(-99, 99 - index)
        })
      )
      // Someone the scene has just introduced ("MARGARET HOLLIS (60s) sorts charts") is often the
      // next to speak, and is no speaker yet.
      sceneIntroductions(screenplay, sceneAt(screenplay, lineFrom)?.index ?? 0, lineFrom, cast)
        .filter((name) => name !== typedName)
        .forEach((name, index) =>
          options.push({
            label: name,
            type: 'variable',
            detail: 'introduced',
            boost: Math.max(-99, 50 - index)
          })
        )
    }
  }
  if (marker === '' || marker === '.') {
    const lower = words.toLowerCase()
    for (const prefix of config.headingPrefixes) {
      if (explicit || (words !== '' && prefix.toLowerCase().startsWith(lower))) {
        options.push({
          label: prefix,
          type: 'keyword',
          detail: 'scene heading',
          apply: `${prefix} `
        })
      }
    }
  }
  if (marker === '' || marker === '>') {
    if (capitals || marker === '>' || explicit) {
      for (const transition of config.transitions) {
        options.push({ label: transition, type: 'keyword', detail: 'transition' })
      }
    }
  }
  return options.length > 0 ? { from, options } : null
}

/// Completion for screenplays: installs `screenplayCompletionSource` as language data (so other
/// sources can sit beside it) and the autocompletion UI.
export function screenplayCompletion(config: ScreenplayCompletionConfig = {}): Extension {
  return [
    screenplayCompletionConfig.of(config),
    EditorState.languageData.of(() => [{ autocomplete: screenplayCompletionSource }]),
    // No type icons: each option's detail already names its kind ("character", "transition"),
    // and the icons are emoji that fonts without them draw as an empty box (Debian's, seen on a
    // screenshot).
    autocompletion({ icons: false })
  ]
}
