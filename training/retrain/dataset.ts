/// Dataset preparation for retraining (the original's `ScriptData`): screenplay files →
/// elements → the model's text format → tokens, scripts joined with `<|endoftext|>`, split into
/// train and validation by whole scripts (a script is never split), with a preview of what was
/// found, skipped and why.
import { basename } from 'node:path'
import { parseFountain } from '../../src/shared/fountain'
import { screenplayToModelText } from '../../src/shared/formats/model-text'
import { importScriptFile } from '../data/import-script-file'
import type { Tokenizer } from '../inference/tokenizer'

export interface PreparedScript {
  name: string
  path: string
  tokens: number
  words: number
  split: 'train' | 'validation'
}

export interface SkippedScript {
  path: string
  reason: string
}

export interface PreparedDataset {
  scripts: PreparedScript[]
  skipped: SkippedScript[]
  trainTokens: Int32Array
  validationTokens: Int32Array
  /// The validation scripts' model text (for loss before and after with the inference engine).
  validationTexts: string[]
  /// The training scripts' model text (for the copied-lines index of the new model).
  trainTexts: string[]
  /// The beginning of the first converted script, to show the writer what the model will read.
  sample: string
}

export interface PrepareOptions {
  /// Share of scripts held out for validation (whole scripts), when there are at least two.
  validationShare?: number
  /// Scripts with fewer words are skipped (title pages, stubs).
  minimumWords?: number
  signal?: AbortSignal
  onProgress?: (done: number, total: number) => void
}

const DEFAULT_VALIDATION_SHARE = 0.1
const DEFAULT_MINIMUM_WORDS = 100
const SAMPLE_CHARACTERS = 1_500

function joinWithSeparator(parts: readonly number[][], separator: number): Int32Array {
  const total = parts.reduce((sum, part) => sum + part.length + 1, 0)
  const out = new Int32Array(total)
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
    out[offset++] = separator
  }
  return out
}

/// Every 1 in round(1/share) scripts, in a fixed order, goes to validation; with a single script
/// there is no validation set (and the runner says so).
function chooseSplit(index: number, count: number, share: number): 'train' | 'validation' {
  if (count < 2 || share <= 0) return 'train'
  const every = Math.max(2, Math.round(1 / share))
  return index % every === every - 1 || (index === count - 1 && count < every)
    ? 'validation'
    : 'train'
}

export async function prepareDataset(
  paths: readonly string[],
  tokenizer: Tokenizer,
  options: PrepareOptions = {}
): Promise<PreparedDataset> {
  const skipped: SkippedScript[] = []
  const converted: { path: string; text: string; tokens: number[]; words: number }[] = []
  for (const [index, path] of paths.entries()) {
    options.signal?.throwIfAborted()
    const imported = await importScriptFile(path, { parse: parseFountain })
    options.onProgress?.(index + 1, paths.length)
    if (!imported.ok) {
      skipped.push({ path, reason: imported.error.message })
      continue
    }
    const text = screenplayToModelText(imported.value.screenplay)
    const words = text.split(/\s+/).filter(Boolean).length
    if (words < (options.minimumWords ?? DEFAULT_MINIMUM_WORDS)) {
      skipped.push({ path, reason: `only ${words} words of screenplay were found in it` })
      continue
    }
    converted.push({ path, text, tokens: tokenizer.encode(text), words })
  }
  const separator = tokenizer.eosTokenId ?? 50256
  const share = options.validationShare ?? DEFAULT_VALIDATION_SHARE
  const scripts: PreparedScript[] = converted.map((script, index) => ({
    name: basename(script.path),
    path: script.path,
    tokens: script.tokens.length,
    words: script.words,
    split: chooseSplit(index, converted.length, share)
  }))
  const bySplit = (split: PreparedScript['split']) =>
    converted.filter((_, index) => scripts[index].split === split)
  return {
    scripts,
    skipped,
    trainTokens: joinWithSeparator(
      bySplit('train').map((script) => script.tokens),
      separator
    ),
    validationTokens: joinWithSeparator(
      bySplit('validation').map((script) => script.tokens),
      separator
    ),
    validationTexts: bySplit('validation').map((script) => script.text),
    trainTexts: bySplit('train').map((script) => script.text),
    sample: converted[0]?.text.slice(0, SAMPLE_CHARACTERS) ?? ''
  }
}
