/// The model's tokenizer: transformers.js's PreTrainedTokenizer built from the folder's
/// `tokenizer.json` + `tokenizer_config.json` (no network, no cache folder).
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { PreTrainedTokenizer } from '@huggingface/transformers'
import type { TokenDecoder } from '../../src/shared/generation/model'
import { err, ok, type Result } from '../../src/shared/result'

export interface Tokenizer extends TokenDecoder {
  /// Token ids of `text` (GPT-2 adds no special tokens; `<|endoftext|>` in the text becomes its id).
  encode(text: string): number[]
  decode(ids: readonly number[]): string
  /// The token strings of `text` (byte-level symbols such as 'Ġare').
  tokens(text: string): string[]
  readonly eosTokenId: number | undefined
}

/// Loads the tokenizer of a model folder.
export function loadTokenizer(folder: string): Result<Tokenizer> {
  const files = ['tokenizer.json', 'tokenizer_config.json'].map((name) => join(folder, name))
  const missing = files.filter((file) => !existsSync(file))
  if (missing.length > 0) {
    return err(
      'not-found',
      `The model folder ${folder} has no ${missing.map((f) => f.slice(folder.length + 1)).join(' or ')}. ` +
        'Copy the tokenizer files from the model you downloaded (Hugging Face layout).'
    )
  }
  let tokenizer: PreTrainedTokenizer
  try {
    const [json, config] = files.map((file) => JSON.parse(readFileSync(file, 'utf8')))
    tokenizer = new PreTrainedTokenizer(json, config)
  } catch (error) {
    return err(
      'model-error',
      `Cannot read the tokenizer in ${folder}: ${(error as Error).message}. Re-download the model.`
    )
  }
  return ok({
    encode: (text) => tokenizer.encode(text, { add_special_tokens: false }),
    decode: (ids) => tokenizer.decode([...ids], { skip_special_tokens: false }),
    tokens: (text) => tokenizer.tokenize(text),
    eosTokenId: tokenizer.eos_token_id ?? undefined
  })
}
