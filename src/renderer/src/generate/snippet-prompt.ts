/// Turns the snippet panel's fields into a prompt in the model's format (compact Fountain). The
/// model has only ever read screenplay text, so everything it is given must look like a script.

export interface SnippetFields {
  /// A scene heading such as `INT. DINER - NIGHT` (INT./EXT. is added when missing).
  heading: string
  /// Names of characters to bring in, comma-separated.
  characters: string
  /// The first words of the scene, continued by the model.
  opening: string
}

const HEADING_PREFIX = /^(INT|EXT|EST|INT\.?\/EXT|I\/E)[. ]/i

export function snippetPrompt(fields: SnippetFields): string {
  const parts: string[] = []
  const heading = fields.heading.trim()
  if (heading) {
    parts.push(
      HEADING_PREFIX.test(heading) ? heading.toUpperCase() : `INT. ${heading.toUpperCase()}`
    )
  }
  const names = snippetCharacters(fields.characters)
  const opening = fields.opening.trim()
  if (opening) parts.push(opening)
  else if (names.length > 0) {
    parts.push(
      `${names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`}.`
    )
  }
  // An empty prompt ("Surprise me") starts a new script from nothing.
  return parts.length === 0 ? '' : `${parts.join('\n\n')}\n\n`
}

/// The names in the Characters field, as cues ("Mara, tomas" → MARA, TOMAS).
export function snippetCharacters(field: string): string[] {
  return field
    .split(',')
    .map((name) => name.trim().toUpperCase())
    .filter(Boolean)
}
