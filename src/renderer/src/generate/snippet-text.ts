/// A finished snippet as the panel shows it and opens it: the model's text read as the script's
/// next elements after the prompt (which ends on a blank line, or is empty for "Surprise me"),
/// normalised as ghost text is: no page furniture, capitals for headings and cue extensions, and
/// no half-finished element at the end ("…looks up. The" ends at "looks up."). The text streams
/// in raw; this replaces it when the model is done.
import { normaliseContinuation } from '../../../shared/ai/output-normaliser'

export function finishedSnippet(generated: string, characters: readonly string[]): string {
  return normaliseContinuation(generated, { expect: 'action', cast: characters, prefix: '' }).text
}
