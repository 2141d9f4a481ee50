/// What the decode loop needs from a language model, whatever runs it (ONNX Runtime in the
/// inference host, a TypeScript reference in tests, a fake in unit tests). The implementation owns
/// the KV cache: `prefill` starts a sequence (reusing any cached common prefix), `step` appends one
/// token to each row. Both calls should yield to the event loop (a real runtime does), so that an
/// abort from a timer or IPC lands between tokens; either may reject once `signal` has fired, and
/// the decode loop then reports 'cancelled' instead of failing.

export interface DecodeModel {
  /// Size of the logits vectors it returns.
  readonly vocabSize: number
  /// The model's context window in tokens; the caller keeps prompt + new tokens within it.
  readonly contextLength: number
  /// Runs the prompt and returns the logits for the token after it. `rows` is the number of
  /// alternatives that will be decoded from this prompt (the implementation expands its cache).
  prefill(promptIds: readonly number[], rows: number, signal?: AbortSignal): Promise<Float32Array>
  /// Appends `tokens[row]` to each row and returns each row's next-token logits.
  step(tokens: readonly number[], signal?: AbortSignal): Promise<Float32Array[]>
}

/// Turns token ids back into text (stop strings and element boundaries are decided on text).
export interface TokenDecoder {
  decode(ids: readonly number[]): string
}
