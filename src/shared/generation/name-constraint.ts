/// Constrained decoding of a character cue: while the model writes the cue line, only tokens that
/// keep the line on the way to one of the known names (the cast) may be drawn, so a cue the writer
/// starts becomes someone who is in the script. Someone new is written by typing on past every
/// cast name's letters: when no cast name starts with the line, the model is left free. Once the
/// line holds a whole cast name (an extension such as " (V.O.)" may follow) or a line break, the
/// constraint is done.
///
/// Why not leave it to the model's own odds: the prompt ends inside a word ("M"), where the model
/// has rarely seen a name split (it learnt "MIKE" as other tokens), so its odds for the cast are
/// tiny there (0.03% for MIKE or MAX after "M" in a scene where MIKE speaks twice) and it wanders
/// off to names from its training scripts. Among the cast names its odds still rank them.

import { tokenTextsOf } from './token-texts'

/// A cue to constrain: what is already typed on the cue line, and the names it may become.
export interface NameChoices {
  /// The cue line's text before the cursor (the prompt ends with it), e.g. "EL".
  typed: string
  /// Known names, in capitals, e.g. ["ELSA", "CAPTAIN BRANN"].
  names: readonly string[]
}

/// A name continues `line` (in capitals) when the line is a prefix of the name, or the line is the
/// whole name followed by something else (an extension, a space).
function state(line: string, names: readonly string[]): 'open' | 'done' | 'off' {
  let open = false
  for (const name of names) {
    if (line.length <= name.length) {
      if (name.startsWith(line)) open = true
    } else if (line.startsWith(name)) {
      // After a whole name: an extension ("ELSA (V.O.)") ends the constraint; a space may lead to
      // one; words ("JOHNNY AND LAMBEAU SIT…") are action, not a cue.
      const rest = line.slice(name.length)
      if (/^\s*\(/.test(rest)) return 'done'
      if (/^\s+$/.test(rest)) open = true
    }
  }
  return open ? 'open' : 'off'
}

/// Masks, in place, the logits of tokens that would lead the cue line away from every cast name.
/// `decode` turns token ids into text (`cacheKey`, e.g. the tokenizer, keys the decoded vocabulary
/// kept between calls); `generated` are the tokens generated so far.
export function constrainName(
  logits: Float32Array,
  generated: readonly number[],
  choices: NameChoices,
  decode: (ids: readonly number[]) => string,
  cacheKey?: object
): void {
  const names = choices.names.map((name) => name.toUpperCase()).filter((name) => name.length > 0)
  if (names.length === 0) return
  const written = generated.length > 0 ? decode(generated) : ''
  if (written.includes('\n')) return
  const line = (choices.typed + written).replace(/^\s+/, '').toUpperCase()
  if (state(line, names) !== 'open') return
  const texts = tokenTextsOf(decode, logits.length, cacheKey ?? decode)
  // Only the names this line can still become matter for the tokens after it.
  const open = names.filter((name) => name.startsWith(line) || line.startsWith(name))
  let any = false
  const allowed = new Uint8Array(logits.length)
  for (let id = 0; id < logits.length; id++) {
    const next = texts[id]
    // A line break ends the cue: fine only when the line already is a whole name.
    const ok = next.includes('\n')
      ? open.includes(line.trimEnd())
      : state((line + next).replace(/^\s+/, ''), open) !== 'off'
    if (ok) {
      allowed[id] = 1
      any = true
    }
  }
  // No token leads on to a cast name: the model is left free.
  if (!any) return
  for (let id = 0; id < logits.length; id++) if (!allowed[id]) logits[id] = -Infinity
}

/// Decodes the vocabulary for `constrainName` ahead of the first cue (seconds on a slow machine),
/// e.g. right after a model loads.
export function prepareNameConstraint(
  decode: (ids: readonly number[]) => string,
  vocabSize: number,
  cacheKey: object
): void {
  tokenTextsOf(decode, vocabSize, cacheKey)
}
