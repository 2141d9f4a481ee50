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
  const written = generated.length > 0 ? decode(generated) : ''
  const line = written.replace(/^\s+/, '')
  if (line.includes('\n') || !couldStartSceneHeading(line)) return
  for (const id of bannedAfter(line, logits.length, decode, cacheKey ?? decode)) {
    logits[id] = -Infinity
  }
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
