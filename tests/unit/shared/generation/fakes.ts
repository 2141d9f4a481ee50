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

/// Fake model: `table[last][next]` is the logit of `next` after `last`. Records what it was fed and
/// throws if a row ever holds more tokens than the context length, so tests can see the loop
/// never overruns it. `clock` advances by `prefillMs` / `stepMs` per call, for timing tests.
export class MarkovModel implements DecodeModel {
  readonly vocabSize: number
  readonly contextLength: number
  readonly clock = { now: 0 }
  prefillCalls = 0
  stepCalls = 0
  /// Per row: every token the row has been given (prompt, then each fed token).
  rows: number[][] = []
  prefillMs = 50
  stepMs = 10
  /// When set, `step` rejects like a real runtime does once the signal fires.
  rejectWhenAborted = false

  constructor(
    private readonly table: readonly (readonly number[])[],
    contextLength = 1024
  ) {
    this.vocabSize = table.length
    this.contextLength = contextLength
  }

  async prefill(promptIds: readonly number[], rows: number): Promise<Float32Array> {
    await Promise.resolve()
    this.prefillCalls++
    this.clock.now += this.prefillMs
    if (promptIds.length > this.contextLength) throw new Error('fake: prompt exceeds context')
    this.rows = Array.from({ length: rows }, () => [...promptIds])
    return Float32Array.from(this.table[promptIds[promptIds.length - 1]])
  }

  async step(tokens: readonly number[], signal?: AbortSignal): Promise<Float32Array[]> {
    await Promise.resolve()
    if (this.rejectWhenAborted && signal?.aborted) throw new Error('fake: run aborted')
    this.stepCalls++
    this.clock.now += this.stepMs
    if (tokens.length !== this.rows.length) throw new Error('fake: wrong number of rows')
    return tokens.map((token, row) => {
      this.rows[row].push(token)
      if (this.rows[row].length > this.contextLength) throw new Error('fake: context overrun')
      return Float32Array.from(this.table[token])
    })
  }
}

/// A table where token i is followed, by a clear margin, by `next[i]` (logit 4; others 0).
export function chainTable(next: readonly number[]): number[][] {
  return next.map((target) => next.map((_, token) => (token === target ? 4 : 0)))
}

/// Fake model that writes a fixed script: whatever it is fed, the n-th generated token of every row
/// is `script[n]` by a clear margin (then the script's last token forever). For text-stop tests,
/// where the same token must be followed by different ones.
export class ScriptedModel extends MarkovModel {
  private readonly script: readonly number[]

  constructor(script: readonly number[], vocabSize: number, contextLength = 1024) {
    super(
      Array.from({ length: vocabSize }, () => new Array<number>(vocabSize).fill(0)),
      contextLength
    )
    this.script = script
  }

  override async prefill(promptIds: readonly number[], rows: number): Promise<Float32Array> {
    await super.prefill(promptIds, rows)
    return this.logitsAt(0)
  }

  override async step(tokens: readonly number[], signal?: AbortSignal): Promise<Float32Array[]> {
    const rows = await super.step(tokens, signal)
    return rows.map(() => this.logitsAt(this.stepCalls))
  }

  private logitsAt(position: number): Float32Array {
    const logits = new Float32Array(this.vocabSize)
    logits[this.script[Math.min(position, this.script.length - 1)]] = 4
    return logits
  }
}
