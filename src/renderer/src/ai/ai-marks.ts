/// Which parts of the script the model wrote: accepted suggestions (whole, word by word) and snippets
/// inserted at the cursor are recorded as ranges that follow later edits.
///
/// The rule: a range holds only characters the model wrote and the writer kept as they were. Text
/// typed or pasted inside a range is the writer's, so it splits the range; deleted characters leave
/// it; text typed at either edge stays outside. Undo and redo bring marks back with their text.
import { invertedEffects } from '@codemirror/commands'
import {
  EditorState,
  Facet,
  RangeSet,
  RangeValue,
  StateEffect,
  StateField,
  type Range,
  type Transaction
} from '@codemirror/state'
import { tidyMarks, type AiTextMark } from '../../../shared/ai/ai-text-marks'
import { acceptedSuggestion } from '../editor/ghost-text'

/// Who wrote a range: the model and when its text was accepted.
export class AiAuthor extends RangeValue {
  constructor(
    readonly model: string,
    readonly at: number
  ) {
    super()
  }

  override eq(other: RangeValue): boolean {
    return other instanceof AiAuthor && other.model === this.model && other.at === this.at
  }
}

/// Marks `[from, to)` (positions after the transaction's changes) as written by the model.
export const addAiMarks = StateEffect.define<readonly AiTextMark[]>({
  map: (marks, mapping) =>
    marks.map((mark) => ({
      ...mark,
      from: mapping.mapPos(mark.from, 1),
      to: mapping.mapPos(mark.to, -1)
    }))
})

/// Forgets the model's authorship of `[from, to)` (the undo of an accept).
export const removeAiMarks = StateEffect.define<{ from: number; to: number }>({
  map: (range, mapping) => ({
    from: mapping.mapPos(range.from, 1),
    to: mapping.mapPos(range.to, -1)
  })
})

/// Replaces every mark (a document opened, a sidecar read).
export const setAiMarks = StateEffect.define<readonly AiTextMark[]>()

/// The name of the model whose suggestions are being accepted (asked at accept time).
export const aiModelName = Facet.define<() => string, () => string>({
  combine: (values) => values.at(-1) ?? (() => 'model')
})

// The model that wrote the text this transaction inserts (an accepted suggestion), or null when
// it is not model text. Other model text (an inserted snippet) comes with its marks as an
// `addAiMarks` effect, which can mark part of what it inserts.
function insertionModel(tr: Transaction): string | null {
  return tr.annotation(acceptedSuggestion) ? tr.startState.facet(aiModelName)() : null
}

type Marks = RangeSet<AiAuthor>

function build(marks: readonly AiTextMark[], length: number): Marks {
  const ranges: Range<AiAuthor>[] = []
  for (const mark of marks) {
    const from = Math.max(0, mark.from)
    const to = Math.min(length, mark.to)
    if (to > from) ranges.push(new AiAuthor(mark.model, mark.at).range(from, to))
  }
  return RangeSet.of(ranges, true)
}

/// The marks as plain records, in document order.
export function aiMarksOf(state: EditorState): AiTextMark[] {
  const set = state.field(aiMarksField, false)
  const marks: AiTextMark[] = []
  set?.between(0, state.doc.length, (from, to, value) => {
    marks.push({ from, to, model: value.model, at: value.at })
  })
  return marks
}

function toList(set: Marks): AiTextMark[] {
  const marks: AiTextMark[] = []
  for (let cursor = set.iter(); cursor.value; cursor.next()) {
    marks.push({ from: cursor.from, to: cursor.to, model: cursor.value.model, at: cursor.value.at })
  }
  return marks
}

// Cuts `[from, to)` out of every mark.
function subtract(marks: readonly AiTextMark[], from: number, to: number): AiTextMark[] {
  const out: AiTextMark[] = []
  for (const mark of marks) {
    if (mark.to <= from || mark.from >= to) out.push(mark)
    else {
      if (mark.from < from) out.push({ ...mark, to: from })
      if (mark.to > to) out.push({ ...mark, from: to })
    }
  }
  return out
}

// Text inserted strictly inside a mark is the writer's, not the model's.
function mapThrough(set: Marks, tr: Transaction): Marks {
  const mapped = set.map(tr.changes)
  const inserted: [number, number][] = []
  tr.changes.iterChangedRanges((_fromA, _toA, fromB, toB) => {
    if (toB > fromB) inserted.push([fromB, toB])
  })
  const touched = inserted.filter(([from, to]) => {
    let hit = false
    mapped.between(from, to, (markFrom, markTo) => {
      if (markFrom < to && markTo > from) hit = true
      return hit ? false : undefined
    })
    return hit
  })
  if (touched.length === 0) return mapped
  let marks = toList(mapped)
  for (const [from, to] of touched) marks = subtract(marks, from, to)
  return build(marks, tr.state.doc.length)
}

function marksFromInsertion(tr: Transaction, model: string): AiTextMark[] {
  const marks: AiTextMark[] = []
  const at = Date.now()
  tr.changes.iterChanges((_fromA, _toA, fromB, toB) => {
    if (toB > fromB) marks.push({ from: fromB, to: toB, model, at })
  })
  return marks
}

export const aiMarksField = StateField.define<Marks>({
  create: () => RangeSet.empty,
  update(set, tr) {
    let next = tr.docChanged ? mapThrough(set, tr) : set
    const model = insertionModel(tr)
    const adds: AiTextMark[] = model !== null ? marksFromInsertion(tr, model) : []
    for (const effect of tr.effects) {
      if (effect.is(setAiMarks)) next = build(effect.value, tr.state.doc.length)
      else if (effect.is(addAiMarks)) adds.push(...effect.value)
      else if (effect.is(removeAiMarks)) {
        next = build(
          subtract(toList(next), effect.value.from, effect.value.to),
          tr.state.doc.length
        )
      }
    }
    // Merged with touching marks of the same model: words accepted one by one make one mark.
    if (adds.length > 0) {
      next = build(tidyMarks([...toList(next), ...adds], tr.state.doc.length), tr.state.doc.length)
    }
    return next
  }
})

// Undo of an accept forgets its mark; redo of that undo brings it back. Undoing a deletion of AI
// text brings the text back marked, as it was.
const invertMarks = invertedEffects.of((tr) => {
  const inverse: StateEffect<unknown>[] = []
  if (insertionModel(tr) !== null) {
    tr.changes.iterChanges((_fromA, _toA, fromB, toB) => {
      if (toB > fromB) inverse.push(removeAiMarks.of({ from: fromB, to: toB }))
    })
  }
  for (const effect of tr.effects) {
    if (effect.is(addAiMarks)) {
      for (const mark of effect.value) inverse.push(removeAiMarks.of(mark))
    } else if (effect.is(removeAiMarks)) {
      const before = tr.startState.field(aiMarksField)
      const lost: AiTextMark[] = []
      before.between(effect.value.from, effect.value.to, (from, to, value) => {
        const start = Math.max(from, effect.value.from)
        const end = Math.min(to, effect.value.to)
        if (end > start) lost.push({ from: start, to: end, model: value.model, at: value.at })
      })
      if (lost.length > 0) inverse.push(addAiMarks.of(lost))
    }
  }
  if (tr.docChanged) {
    // Marked text this transaction deleted or overwrote, in the coordinates before it: undo puts
    // the text back, and this puts the mark back on it.
    const before = tr.startState.field(aiMarksField)
    const lost: AiTextMark[] = []
    tr.changes.iterChangedRanges((fromA, toA) => {
      if (toA <= fromA) return
      before.between(fromA, toA, (from, to, value) => {
        const start = Math.max(from, fromA)
        const end = Math.min(to, toA)
        if (end > start) lost.push({ from: start, to: end, model: value.model, at: value.at })
      })
    })
    if (lost.length > 0) inverse.push(addAiMarks.of(lost))
  }
  return inverse
})

/// The state side of AI-text marks: the field and its undo/redo behaviour.
export function aiMarksState() {
  return [aiMarksField, invertMarks]
}
