/// What both decode models (onnx-decode-model.ts, sequence-first-decode-model.ts) give the decoder
/// graph besides the KV cache, and the checks they make on a request, kept in one place.
import * as ort from 'onnxruntime-node'

/// Per layer, key then value: `${prefix}.${layer}.key|value` (e.g. past_key_values.0.key).
export function cacheNames(layers: number, prefix: string): string[] {
  const names: string[] = []
  for (let i = 0; i < layers; i++) names.push(`${prefix}.${i}.key`, `${prefix}.${i}.value`)
  return names
}

/// Builds the token inputs of one run: `ids` (B, T) after `pastLength` cached tokens, every
/// position attended to, logits for the last `logitsToKeep` positions (0: all).
export class TokenFeeds {
  /// One attention mask buffer for every call: subarray views of it cost nothing.
  private readonly ones: BigInt64Array

  constructor(contextLength: number) {
    this.ones = new BigInt64Array(contextLength * 16).fill(1n)
  }

  feeds(
    ids: readonly (readonly number[])[],
    pastLength: number,
    logitsToKeep: number
  ): Record<string, ort.Tensor> {
    const B = ids.length
    const T = ids[0].length
    const inputIds = new BigInt64Array(B * T)
    const positions = new BigInt64Array(B * T)
    for (let b = 0; b < B; b++) {
      for (let t = 0; t < T; t++) {
        inputIds[b * T + t] = BigInt(ids[b][t])
        positions[b * T + t] = BigInt(pastLength + t)
      }
    }
    const total = pastLength + T
    const mask =
      B * total <= this.ones.length
        ? this.ones.subarray(0, B * total)
        : new BigInt64Array(B * total).fill(1n)
    return {
      input_ids: new ort.Tensor('int64', inputIds, [B, T]),
      attention_mask: new ort.Tensor('int64', mask, [B, total]),
      position_ids: new ort.Tensor('int64', positions, [B, T]),
      num_logits_to_keep: new ort.Tensor('int64', BigInt64Array.of(BigInt(logitsToKeep)), [])
    }
  }
}

/// Throws the error a prompt gets when the model cannot run it.
export function checkPrompt(promptIds: readonly number[], contextLength: number): void {
  if (promptIds.length === 0) throw new Error('prefill needs at least one prompt token')
  if (promptIds.length > contextLength) {
    throw new Error(
      `the prompt has ${promptIds.length} tokens; the model's context is ${contextLength}`
    )
  }
}

/// Throws the error a step gets when it does not fit the rows decoded or the context.
export function checkStep(tokens: number, rows: number, length: number, contextLength: number) {
  if (tokens !== rows) throw new Error(`step() got ${tokens} tokens for ${rows} rows`)
  if (length + 1 > contextLength) {
    throw new Error(`the sequence would exceed the context of ${contextLength} tokens`)
  }
}
