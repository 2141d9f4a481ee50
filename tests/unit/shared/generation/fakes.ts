/// FAKES for unit tests of the decode loop (not a language model): a Markov "model" whose next-token
/// logits depend only on the last token, and a decoder over a toy vocabulary of byte strings.
import type { DecodeModel, TokenDecoder } from '../../../../src/shared/generation/model'

/// Fake decoder: token i is `pieces[i]` (a string, or raw UTF-8 bytes so that one character can
/// be split across tokens); decoding joins the bytes and decodes them leniently, like byte-level
/// BPE, so an incomplete character at the end decodes to U+FFFD.
export class ToyDecoder implements TokenDecoder {
  readonly pieces: Uint8Array[]
  private readonly utf8 = new TextDecoder('utf-8')

  constructor(pieces: readonly (string | readonly number[])[]) {
    const encoder = new TextEncoder()
    this.pieces = pieces.map((piece) =>
      typeof piece === 'string' ? encoder.encode(piece) : Uint8Array.from(piece)
    )
  }

  decode(ids: readonly number[]): string {
    const bytes: number[] = []
    for (const id of ids) bytes.push(...this.pieces[id])
    return this.utf8.decode(Uint8Array.from(bytes))
  }
}

/// Shared bookkeeping of the fake models: records what each row was fed, throws if a row ever holds
/// more tokens than the context length (so tests see that the loop never overruns it), and moves
/// a fake clock by `prefillMs` / `stepMs` per call, for timing tests.
abstract class RecordingModel implements DecodeModel {
  abstract readonly vocabSize: number
  readonly contextLength: number
  readonly clock = { now: 0 }
  prefillCalls = 0
  stepCalls = 0
  /// Per row: every token the row has been given (prompt, then each fed token).
  rows: number[][] = []
  prefillMs = 50
  stepMs = 10

  constructor(contextLength: number) {
    this.contextLength = contextLength
  }

  /// Next-token logits after `lastToken`, for the `position`-th generated token (from 0).
  protected abstract logitsAfter(lastToken: number, position: number): Float32Array

  async prefill(promptIds: readonly number[], rows: number): Promise<Float32Array> {
    await Promise.resolve()
    this.prefillCalls++
    this.clock.now += this.prefillMs
    if (promptIds.length > this.contextLength) throw new Error('fake: prompt exceeds context')
    this.rows = Array.from({ length: rows }, () => [...promptIds])
    return this.logitsAfter(promptIds[promptIds.length - 1], 0)
  }

  async step(tokens: readonly number[]): Promise<Float32Array[]> {
    await Promise.resolve()
    this.stepCalls++
    this.clock.now += this.stepMs
    if (tokens.length !== this.rows.length) throw new Error('fake: wrong number of rows')
    return tokens.map((token, row) => {
      this.rows[row].push(token)
      if (this.rows[row].length > this.contextLength) throw new Error('fake: context overrun')
      return this.logitsAfter(token, this.stepCalls)
    })
  }
}

/// Fake model: `table[last][next]` is the logit of `next` after `last`.
export class MarkovModel extends RecordingModel {
  readonly vocabSize: number
  private readonly table: readonly (readonly number[])[]

  constructor(table: readonly (readonly number[])[], contextLength = 1024) {
    super(contextLength)
    this.table = table
    this.vocabSize = table.length
  }

  protected logitsAfter(lastToken: number): Float32Array {
    return Float32Array.from(this.table[lastToken])
  }
}

/// A table where token i is followed, by a clear margin, by `next[i]` (logit 4; others 0).
export function chainTable(next: readonly number[]): number[][] {
  return next.map((target) => next.map((_, token) => (token === target ? 4 : 0)))
}

/// Fake model that writes a fixed script: whatever it is fed, the n-th generated token of every row
/// is `script[n]` by a clear margin (then the script's last token forever). For text-stop tests,
/// where the same token must be followed by different ones.
export class ScriptedModel extends RecordingModel {
  readonly vocabSize: number
  private readonly script: readonly number[]

  constructor(script: readonly number[], vocabSize: number, contextLength = 1024) {
    super(contextLength)
    this.script = script
    this.vocabSize = vocabSize
  }

  protected logitsAfter(_lastToken: number, position: number): Float32Array {
    const logits = new Float32Array(this.vocabSize)
    logits[this.script[Math.min(position, this.script.length - 1)]] = 4
    return logits
  }
}
