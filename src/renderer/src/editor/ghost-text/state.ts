import {
  Annotation,
  StateEffect,
  StateField,
  type EditorState,
  type Transaction
} from '@codemirror/state'
import type { SuggestionTrigger } from './config'

/// Where the suggestion stands: nothing (`idle`), requested with no text yet (`loading`), text
/// arriving (`streaming`), complete (`shown`), or the source failed (`error`).
export type GhostTextStatus = 'idle' | 'loading' | 'streaming' | 'shown' | 'error'

/// What the UI may read about the suggestion; the same object while nothing changes.
export interface GhostTextSnapshot {
  readonly status: GhostTextStatus
  /// The text still to insert, per alternative that has any and still matches what was typed.
  readonly alternatives: readonly string[]
  /// Which of `alternatives` is shown (0 when there are none).
  readonly index: number
  /// Where the suggestion would be inserted (the cursor), or null when idle or failed.
  readonly anchor: number | null
  /// The source's error message when `status` is `'error'`.
  readonly error?: string
}

// The field keeps each alternative's full streamed text and what of it has been typed or accepted
// (`consumed`), so typing through a suggestion only moves the anchor and other alternatives that
// disagree with the typing drop out on their own.
export interface GhostTextValue {
  readonly status: GhostTextStatus
  /// Id of the newest request; ids only grow, so updates carrying an older id are stale.
  readonly requestId: number
  readonly anchor: number | null
  readonly texts: readonly string[]
  readonly consumed: string
  /// Index into `texts` of the alternative shown.
  readonly index: number
  readonly trigger: SuggestionTrigger
  readonly maxChars: number | null
  readonly error?: string
}

// A sanity bound on the alternative numbers a source may send.
export const MaxAlternatives = 16

export const startRequest = StateEffect.define<{
  id: number
  anchor: number
  trigger: SuggestionTrigger
  maxChars: number | null
}>({ map: (value, mapping) => ({ ...value, anchor: mapping.mapPos(value.anchor) }) })
export const appendText = StateEffect.define<{
  id: number
  alternative: number
  text: string
  replace?: boolean
}>()
export const finishRequest = StateEffect.define<{ id: number }>()
export const failRequest = StateEffect.define<{ id: number; message: string }>()
/// Moves to the next (1) or previous (-1) alternative.
export const cycleAlternative = StateEffect.define<1 | -1>()
export const clearSuggestion = StateEffect.define<null>()
/// On the transaction that inserts accepted suggestion text (whole or a word), so other extensions
/// can tell it from typing (e.g. to record which text the model wrote).
export const acceptedSuggestion = Annotation.define<true>()

function idle(value: GhostTextValue): GhostTextValue {
  return {
    status: 'idle',
    requestId: value.requestId,
    anchor: null,
    texts: [],
    consumed: '',
    index: 0,
    trigger: value.trigger,
    maxChars: null
  }
}

const initial: GhostTextValue = idle({ requestId: 0, trigger: 'explicit' } as GhostTextValue)

export function isPending(status: GhostTextStatus): boolean {
  return status === 'loading' || status === 'streaming'
}

function isActive(status: GhostTextStatus): boolean {
  return isPending(status) || status === 'shown'
}

// What is left of one alternative after the consumed text: null when they disagree, '' when the
// alternative has not yet streamed past what was typed.
function remainder(text: string, consumed: string): string | null {
  if (text.startsWith(consumed)) return text.slice(consumed.length)
  return consumed.startsWith(text) ? '' : null
}

function visibleIndices(value: GhostTextValue): number[] {
  const indices: number[] = []
  value.texts.forEach((text, index) => {
    if (!remainder(text, value.consumed)) return
    // Once finished, an alternative the same as one before it is offered once: a cue steered to
    // one name often comes back three times.
    if (value.status === 'shown' && indices.some((other) => value.texts[other] === text)) return
    indices.push(index)
  })
  return indices
}

/// The text shown as ghost text (what Tab would insert), or '' when nothing is shown.
export function shownText(value: GhostTextValue): string {
  if (value.status !== 'streaming' && value.status !== 'shown') return ''
  return remainder(value.texts[value.index] ?? '', value.consumed) ?? ''
}

// Keeps the shown alternative while it has text; otherwise shows the first one that does.
function normalizeIndex(value: GhostTextValue): GhostTextValue {
  if (remainder(value.texts[value.index] ?? '', value.consumed)) return value
  const [first] = visibleIndices(value)
  return first === undefined || first === value.index ? value : { ...value, index: first }
}

// Edits before or at the anchor conflict, except inserting exactly the next characters of the
// shown alternative at the anchor, which consumes them (typing through the suggestion).
function mapChanges(value: GhostTextValue, tr: Transaction): GhostTextValue {
  if (value.status === 'error') return idle(value)
  if (!isActive(value.status) || value.anchor === null) return value
  const anchor = value.anchor
  let inserted: string | null = null
  let conflict = false
  tr.changes.iterChanges((fromA, toA, _fromB, _toB, text) => {
    if (fromA > anchor) return
    if (fromA === anchor && toA === anchor && inserted === null) inserted = text.toString()
    else conflict = true
  })
  if (conflict) return idle(value)
  if (inserted === null) return value
  const typed: string = inserted
  const current = remainder(value.texts[value.index] ?? '', value.consumed)
  if (!typed || !current || !current.startsWith(typed)) return idle(value)
  const next = normalizeIndex({
    ...value,
    consumed: value.consumed + typed,
    anchor: tr.changes.mapPos(anchor, 1)
  })
  return next.status === 'shown' && visibleIndices(next).length === 0 ? idle(next) : next
}

function applyEffect(value: GhostTextValue, effect: StateEffect<unknown>): GhostTextValue {
  if (effect.is(startRequest)) {
    const { id, anchor, trigger, maxChars } = effect.value
    if (id <= value.requestId) return value
    return { ...idle(value), status: 'loading', requestId: id, anchor, trigger, maxChars }
  }
  if (effect.is(appendText)) {
    const { id, alternative, text, replace } = effect.value
    if (id !== value.requestId || !isPending(value.status)) return value
    if (!Number.isInteger(alternative) || alternative < 0 || alternative >= MaxAlternatives) {
      return value
    }
    const texts = [...value.texts]
    while (texts.length <= alternative) texts.push('')
    const joined = replace ? text : texts[alternative] + text
    texts[alternative] = value.maxChars === null ? joined : joined.slice(0, value.maxChars)
    const next = normalizeIndex({ ...value, texts })
    const status = visibleIndices(next).length > 0 ? 'streaming' : 'loading'
    return status === next.status ? next : { ...next, status }
  }
  if (effect.is(finishRequest)) {
    if (effect.value.id !== value.requestId || !isPending(value.status)) return value
    const finished: GhostTextValue = { ...value, status: 'shown' }
    const visible = visibleIndices(finished)
    if (visible.length === 0) return idle(value)
    // The alternative shown may have been a copy of an earlier one: show that one (same text).
    const shown = value.texts[value.index]
    const index = visible.includes(value.index)
      ? value.index
      : (visible.find((other) => value.texts[other] === shown) ?? visible[0])
    return { ...finished, index }
  }
  if (effect.is(failRequest)) {
    if (effect.value.id !== value.requestId || !isPending(value.status)) return value
    return { ...idle(value), status: 'error', error: effect.value.message }
  }
  if (effect.is(cycleAlternative)) {
    const visible = visibleIndices(value)
    const at = visible.indexOf(value.index)
    if (!isActive(value.status) || visible.length < 2 || at < 0) return value
    const index = visible[(at + effect.value + visible.length) % visible.length]
    return { ...value, index }
  }
  if (effect.is(clearSuggestion)) return value.status === 'idle' ? value : idle(value)
  return value
}

// The suggestion belongs to one cursor; any other selection dismisses it.
function checkSelection(value: GhostTextValue, state: EditorState): GhostTextValue {
  if (!isActive(value.status)) return value
  const { ranges, main } = state.selection
  return ranges.length === 1 && main.empty && main.head === value.anchor ? value : idle(value)
}

export const ghostTextField = StateField.define<GhostTextValue>({
  create: () => initial,
  update(value, tr) {
    let next = tr.docChanged ? mapChanges(value, tr) : value
    for (const effect of tr.effects) next = applyEffect(next, effect)
    return tr.docChanged || tr.selection ? checkSelection(next, tr.state) : next
  }
})

const snapshots = new WeakMap<GhostTextValue, GhostTextSnapshot>()
const idleSnapshot: GhostTextSnapshot = { status: 'idle', alternatives: [], index: 0, anchor: null }

/// The suggestion's status, alternatives and anchor, for the UI (idle when `ghostText()` is not
/// installed). The same object is returned until the suggestion changes.
export function ghostTextState(state: EditorState): GhostTextSnapshot {
  const value = state.field(ghostTextField, false)
  if (!value) return idleSnapshot
  let snapshot = snapshots.get(value)
  if (!snapshot) {
    const visible = visibleIndices(value)
    const shown = isActive(value.status)
    snapshot = {
      status: value.status,
      alternatives: shown
        ? visible.map((index) => remainder(value.texts[index], value.consumed) ?? '')
        : [],
      index: shown ? Math.max(0, visible.indexOf(value.index)) : 0,
      anchor: value.anchor,
      ...(value.error === undefined ? {} : { error: value.error })
    }
    snapshots.set(value, snapshot)
  }
  return snapshot
}
