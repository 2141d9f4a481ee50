/// The text format a model reads and writes, and the adapter between it and the compact model
/// text that the editor's prompts and continuations use. A model folder's manifest names its
/// format (`script-buddy.json` `textFormat`); the inference host picks the adapter by that name.
import { compactEnding, compactToImsdbLayout } from '../formats/compact-to-imsdb'
import { imsdbOutputToCompact } from '../formats/imsdb-to-compact'
import type { TokenDecoder } from './model'

/// 'fountain-compact': the embedded model's format (shared/models/screenplay-gpt2-30m/README.md),
/// the one prompts are written in. 'imsdb-indented': IMSDb's indented page layout.
export type ModelTextFormat = 'fountain-compact' | 'imsdb-indented'

export const MODEL_TEXT_FORMATS: readonly ModelTextFormat[] = ['fountain-compact', 'imsdb-indented']

/// One request's conversion: the prompt in the model's format, and a decoder that turns the
/// model's output back into compact text. The decode loop's stops, streaming and results then all
/// see compact text, whatever the model writes.
export interface FormatAdapter {
  prompt: string
  decoder: TokenDecoder
}

/// The adapter for a compact prompt and a model of `format` (the identity for compact models).
export function adaptToFormat(
  format: ModelTextFormat,
  compactPrompt: string,
  decoder: TokenDecoder
): FormatAdapter {
  if (format === 'fountain-compact') return { prompt: compactPrompt, decoder }
  const ending = compactEnding(compactPrompt)
  return {
    prompt: compactToImsdbLayout(compactPrompt),
    decoder: { decode: (ids) => imsdbOutputToCompact(decoder.decode(ids), ending) }
  }
}
