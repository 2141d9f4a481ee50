/// Constrained decoding of a character cue: while the model writes the cue line, only tokens that
/// keep the line on the way to one of the known names (the cast) may be drawn, so a cue the writer
/// starts becomes someone who is in the script. The model can still propose someone new, but only
/// when it insists: when none of its most likely tokens continues any cast name, the step is left
/// free. Once the line holds a whole cast name (an extension such as " (V.O.)" may follow) or a
/// line break, the constraint is done.
import { topIndices } from './logits-processors'

/// A cue to constrain: what is already typed on the cue line, and the names it may become.
export interface NameChoices {
  /// The cue line's text before the cursor (the prompt ends with it), e.g. "EL".
  typed: string
  /// Known names, in capitals, e.g. ["ELSA", "CAPTAIN BRANN"].
  names: readonly string[]
}

// How many of the most likely tokens are checked at each step. A cast name's next token is almost
// always among them when the model means it at all; below them the model is inventing.
const CANDIDATES = 64

/// A name continues `line` (in capitals) when the line is a prefix of the name, or the line is the
/// whole name followed by something else (an extension, a space).
function state(line: string, names: readonly string[]): 'open' | 'done' | 'off' {
  let open = false
  for (const name of names) {
    if (line.length <= name.length) {
      if (name.startsWith(line)) open = true
    } else if (line.startsWith(name) && /^[\s(]/.test(line.slice(name.length))) {
      return 'done'
    }
  }
  return open ? 'open' : 'off'
}

/// Masks, in place, the logits of tokens that would lead the cue line away from every cast name.
/// `decode` turns token ids into text; `generated` are the tokens generated so far.
export function constrainName(
  logits: Float32Array,
  generated: readonly number[],
  choices: NameChoices,
  decode: (ids: readonly number[]) => string
): void {
  const names = choices.names.map((name) => name.toUpperCase()).filter((name) => name.length > 0)
  if (names.length === 0) return
  const written = generated.length > 0 ? decode(generated) : ''
  if (written.includes('\n')) return
  const line = (choices.typed + written).replace(/^\s+/, '').toUpperCase()
  if (state(line, names) !== 'open') return
  const top = topIndices(logits, CANDIDATES)
  const allowed: number[] = []
  for (const id of top) {
    const next = decode([id])
    const extended = (line + next).replace(/^\s+/, '').toUpperCase()
    // A line break ends the cue: fine only when the line already is a whole name.
    if (next.includes('\n')) {
      if (names.includes(line)) allowed.push(id)
      continue
    }
    if (state(extended, names) !== 'off') allowed.push(id)
  }
  // None of the likely tokens continues a cast name: the model means someone new.
  if (allowed.length === 0) return
  const keep = new Set(allowed)
  for (let id = 0; id < logits.length; id++) if (!keep.has(id)) logits[id] = -Infinity
}
