/// What the writer is told when generated text repeats a run of words from a script the model
/// was trained on (the inference host counts the longest run against the model's n-gram index,
/// shared/ai/provenance.ts): null when it repeats none, so nothing is shown.
export function copyWarning(copiedWords: number): string | null {
  return copiedWords > 0
    ? `⚠ repeats ${copiedWords} words of a script this model was trained on`
    : null
}
