/// Constrained decoding for "continue the scene": inside a scene that already has its heading, the
/// continuation may not open with a new scene heading. Left free, the embedded model opened 4 of 60
/// scene continuations after a speech with one (INT. BEDROOM - NIGHT under a lighthouse scene);
/// with the scene stop after it, the writer was shown a new scene, not more of theirs.
///
/// While the continuation's first line could still become a heading ("", "I", "IN", "INT", "."),
/// tokens that would make it one ("INT." or "INT " or ".BEDROOM") are masked; once the line has
/// gone another way (or ended), the model is free.
import { couldStartSceneHeading, opensSceneHeading } from '../fountain/line-patterns'
import { tokenTextsOf } from './token-texts'

/// Masks, in place, the logits of tokens that would make the continuation's first line a scene
/// heading. `generated` are the tokens so far; `decode` and `cacheKey` as for `constrainName`.
export function constrainSceneStart(
  logits: Float32Array,
  generated: readonly number[],
  decode: (ids: readonly number[]) => string,
  cacheKey?: object
): void {
  const key = cacheKey ?? decode
  const line = openFirstLine(generated, tokenTextsOf(decode, logits.length, key))
  if (line === null) return
  for (const id of bannedAfter(line, logits.length, decode, key)) logits[id] = -Infinity
}

// The continuation's first line so far (blank space before it dropped), joined from the tokens'
// own texts as the banned sets are; null as soon as it has ended or gone a way no heading starts.
// Reading stops there: decoding every token generated so far at every step of a long scene
// continuation (up to hundreds, per alternative) would redo work the answer never needs.
function openFirstLine(generated: readonly number[], texts: readonly string[]): string | null {
  let line = ''
  for (const id of generated) {
    line = (line + texts[id]).replace(/^\s+/, '')
    if (line.includes('\n') || !couldStartSceneHeading(line)) return null
  }
  return line
}

// The tokens that make `line` a heading, per vocabulary and line: testing the whole vocabulary
// takes about 15 ms, and the lines that can still become a heading are few ("", "I", "IN", …).
const bannedByLine = new WeakMap<object, Map<string, number[]>>()

function bannedAfter(
  line: string,
  size: number,
  decode: (ids: readonly number[]) => string,
  key: object
): number[] {
  let byLine = bannedByLine.get(key)
  if (!byLine) bannedByLine.set(key, (byLine = new Map()))
  let banned = byLine.get(line)
  if (!banned) {
    const texts = tokenTextsOf(decode, size, key)
    banned = []
    for (let id = 0; id < size; id++) {
      const next = (line + texts[id]).replace(/^\s+/, '')
      if (opensSceneHeading(next.split('\n', 1)[0])) banned.push(id)
    }
    byLine.set(line, banned)
  }
  return banned
}

/// Works out, ahead of the first scene continuation, which tokens may not open it (about 15 ms),
/// e.g. right after a model loads.
export function prepareSceneConstraint(
  decode: (ids: readonly number[]) => string,
  vocabSize: number,
  cacheKey: object
): void {
  bannedAfter('', vocabSize, decode, cacheKey)
}
