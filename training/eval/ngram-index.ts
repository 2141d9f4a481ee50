/// The copy-detection index of the training scripts (src/shared/ai/provenance.ts): built from the
/// corpus' training split in the model's compact format, written to and read from a file.
/// Build it: `npx tsx tests/benchmarks/ai-quality.ts --index-out /tmp/train.sbng` (or call
/// `buildTrainingNgramIndex`).
import { readFileSync, writeFileSync } from 'node:fs'
import {
  deserialiseNgramIndex,
  NgramIndexBuilder,
  serialiseNgramIndex,
  type NgramIndex
} from '../../src/shared/ai/provenance'
import { imsdbToScreenplay } from '../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../src/shared/formats/model-text'
import { readCorpus, type ReadCorpusOptions } from '../data/corpus'

/// An IMSDb script in the compact Fountain text the model reads and writes.
export function imsdbToModelText(imsdbText: string): string {
  return screenplayToModelText(imsdbToScreenplay(imsdbText))
}

export interface IndexBuildOptions extends Pick<ReadCorpusOptions, 'folder' | 'include'> {
  /// Called after each script with the number of scripts read.
  onProgress?: (scripts: number) => void
}

/// Hashes every word 12-gram of the corpus' training scripts (compact format).
export async function buildTrainingNgramIndex(
  options: IndexBuildOptions = {}
): Promise<NgramIndex> {
  const builder = new NgramIndexBuilder()
  let scripts = 0
  for await (const script of readCorpus({ ...options, split: 'train' })) {
    builder.add(imsdbToModelText(script.text))
    options.onProgress?.(++scripts)
  }
  return builder.build()
}

export function writeNgramIndex(path: string, index: NgramIndex): void {
  writeFileSync(path, serialiseNgramIndex(index))
}

/// Reads an index file; throws with what to do when it is not one.
export function readNgramIndex(path: string): NgramIndex {
  return deserialiseNgramIndex(readFileSync(path))
}
