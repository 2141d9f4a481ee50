/// Every token's text, decoded once per tokenizer: the decoding constraints (name-constraint.ts,
/// scene-constraint.ts) test what each token of the vocabulary would add to a line.
const tokenTexts = new WeakMap<object, string[]>()

/// The text of each of the `size` token ids, decoded with `decode` on first use and kept under
/// `key` (e.g. the tokenizer) for the next calls.
export function tokenTextsOf(
  decode: (ids: readonly number[]) => string,
  size: number,
  key: object
): string[] {
  let texts = tokenTexts.get(key)
  if (!texts || texts.length !== size) {
    texts = []
    for (let id = 0; id < size; id++) texts.push(decode([id]))
    tokenTexts.set(key, texts)
  }
  return texts
}
