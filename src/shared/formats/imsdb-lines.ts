/// Line-level tests for IMSDb plain-text layout: page furniture, capitals, scene headings,
/// transitions and cue extensions (shared/data/screenplays/README.md, "Known quality issues").

/// Page furniture from PDF-to-text conversion: page numbers, (CONTINUED), CONTINUED:, (MORE),
/// a lone (CONT'D), and scene-numbered `12 CONTINUED: 12` lines.
export function isFurniture(trimmed: string): boolean {
  if (/^(page\s+)?\d{1,3}[A-Z]?\.?$/i.test(trimmed)) return true
  if (/^\(?(MORE|CONT['’]?D|CONTINUED)\)?$/i.test(trimmed)) return true
  if (/^(\d+[A-Z]?\s+)?\(?CONTINUED\)?:?(\s*\(\d+\))?(\s+\d+[A-Z]?)?$/i.test(trimmed)) return true
  return /^(\d+[A-Z]?\s+)?CONTINUED:?\s+\d+[A-Z]?$/i.test(trimmed)
}

/// All letters outside parentheses are capitals, and there is at least one.
export function isCapitals(trimmed: string): boolean {
  const outside = trimmed.replace(/\([^)]*\)?/g, '')
  return /[A-Z]/.test(outside) && !/[a-z]/.test(outside)
}

const headingStart =
  /^(INT|EXT|EST|I\/E|E\/I|INT\.?\/EXT|EXT\.?\/INT|INTERIOR|EXTERIOR)(\.|\s|\/|-|$)/

/// A scene heading with scene numbers around it removed (`12  INT. HOUSE - DAY  12`, `20a INT.`),
/// or null. Runs of spaces inside the heading become one unless `keepSpacing` (as written).
export function sceneHeading(
  trimmed: string,
  options: { keepSpacing?: boolean } = {}
): { text: string; sceneNumber?: string } | null {
  let text = trimmed
  let sceneNumber: string | undefined
  const leading = /^(\d+[A-Za-z]?)\.?\s+(?=\S)/.exec(text)
  if (leading && headingStart.test(text.slice(leading[0].length))) {
    sceneNumber = leading[1]
    text = text.slice(leading[0].length)
  }
  if (!headingStart.test(text)) return null
  // Lower case is accepted only after an unmistakable `INT. ` / `EXT. ` prefix.
  const lower = /[a-z]/.test(text.replace(/\([^)]*\)/g, ''))
  if (lower && !/^(INT|EXT|I\/E|INT\.\/EXT|EXT\.\/INT)\.\s/.test(text)) return null
  const trailing = /\s+(\d+[A-Za-z]?)\.?$/.exec(text)
  if (trailing && (sceneNumber === trailing[1] || /\s{2,}\d+[A-Za-z]?\.?$/.test(text))) {
    sceneNumber ??= trailing[1]
    text = text.slice(0, trailing.index)
  }
  text = options.keepSpacing ? text.trim() : text.replace(/\s{2,}/g, ' ').trim()
  return sceneNumber ? { text, sceneNumber } : { text }
}

const knownTransitions =
  /^(FADE IN:?|FADE OUT\.?|FADE TO BLACK\.?|CUT TO BLACK\.?|SMASH CUT:?|FADE OUT:|THE END\.?|IRIS OUT\.?)$/

/// A transition: capitals ending in `TO:` or a well-known one (`FADE IN:`, `FADE OUT.`).
export function isTransition(trimmed: string): boolean {
  if (!isCapitals(trimmed) || trimmed.length > 40) return false
  return /\bTO:$/.test(trimmed) || /\bTO\.\.?$/.test(trimmed) || knownTransitions.test(trimmed)
}

/// Extensions that are page layout, not content: dropped from cues.
export function isContinuedExtension(extension: string): boolean {
  return /^(CONT['’]?D\.?|CONT\.?|CONTINUING|CONTINUED|MORE)$/i.test(extension.trim())
}

/// `JANE (V.O.) (CONT'D)` → name 'JANE', extensions ['V.O.'], text 'JANE (V.O.)'.
export function parseCue(trimmed: string): { name: string; extensions: string[]; text: string } {
  const open = trimmed.indexOf('(')
  const name = (open >= 0 ? trimmed.slice(0, open) : trimmed).replace(/\s+/g, ' ').trim()
  const extensions = [...trimmed.matchAll(/\(([^)]*)\)?/g)]
    .map((match) => match[1].trim())
    .filter((extension) => extension !== '' && !isContinuedExtension(extension))
  const text = [name, ...extensions.map((extension) => `(${extension})`)].join(' ')
  return { name, extensions, text }
}

/// Leading spaces of a line.
export function indentOf(line: string): number {
  return line.length - line.trimStart().length
}
