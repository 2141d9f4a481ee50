/// Builds `tokenizer.json` (and a minimal `tokenizer_config.json`) from GPT-2's older tokenizer files,
/// `vocab.json` + `merges.txt`, which many fine-tunes on the hub still ship alone. The structure is
/// the byte-level BPE that `GPT2TokenizerFast` writes for the same two files.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { err, ok, type Result } from '../../src/shared/result'

const END_OF_TEXT = '<|endoftext|>'

export function writeTokenizerFromVocab(folder: string): Result<void> {
  let vocab: Record<string, number>
  let merges: string[]
  try {
    vocab = JSON.parse(readFileSync(join(folder, 'vocab.json'), 'utf8'))
    merges = readFileSync(join(folder, 'merges.txt'), 'utf8')
      .split('\n')
      // The first line of merges.txt is a '#version: 0.2' header.
      .filter((line) => line.trim() !== '' && !line.startsWith('#version'))
  } catch (error) {
    return err(
      'model-error',
      `Cannot read vocab.json and merges.txt in ${folder} (${(error as Error).message}). Download the model again.`
    )
  }
  const byteLevel = { add_prefix_space: false, trim_offsets: true, use_regex: true }
  const addedTokens =
    END_OF_TEXT in vocab
      ? [
          {
            id: vocab[END_OF_TEXT],
            content: END_OF_TEXT,
            single_word: false,
            lstrip: false,
            rstrip: false,
            normalized: true,
            special: true
          }
        ]
      : []
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens,
    normalizer: null,
    pre_tokenizer: { type: 'ByteLevel', ...byteLevel },
    post_processor: { type: 'ByteLevel', ...byteLevel, trim_offsets: false },
    decoder: { type: 'ByteLevel', ...byteLevel },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: '',
      end_of_word_suffix: '',
      fuse_unk: false,
      byte_fallback: false,
      vocab,
      merges
    }
  }
  writeFileSync(join(folder, 'tokenizer.json'), JSON.stringify(tokenizer))
  const configPath = join(folder, 'tokenizer_config.json')
  if (!existsSync(configPath)) writeFileSync(configPath, JSON.stringify(GPT2_TOKENIZER_CONFIG))
  return ok(undefined)
}

/// What GPT-2's own tokenizer_config.json says; written when a repo ships none.
export const GPT2_TOKENIZER_CONFIG = {
  model_max_length: 1024,
  bos_token: END_OF_TEXT,
  eos_token: END_OF_TEXT,
  unk_token: END_OF_TEXT,
  add_prefix_space: false,
  tokenizer_class: 'GPT2Tokenizer'
}
