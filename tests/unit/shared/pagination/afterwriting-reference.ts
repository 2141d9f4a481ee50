// Page counts from afterwriting's own engine, the reference the issue names for pagination.
// afterwriting 1.17.x paginates with two small MIT packages it depends on: aw-parser (Fountain →
// tokens) and aw-liner (tokens → lines with page breaks, (MORE)/(CONT'D)). We run those two
// directly: the `afterwriting` app package itself pulls a browser bundle (jQuery, d3, snyk) that
// is of no use in a test.
//
// The settings are the ones afterwriting uses when it builds a PDF with its defaults
// (js/utils/print-profiles.js and the default config in afterwriting-labs): notes, sections and
// synopses not printed, dual dialogue on, runs of blank lines merged, dialogue split across pages.
import { createRequire } from 'node:module'

interface AwToken {
  type: string
}
interface AwLine {
  type: string
}
interface AwParser {
  parser: { parse(text: string, config: Record<string, boolean>): { tokens: AwToken[] } }
  helpers: unknown
}
interface AwLinerModule {
  Liner: new (helpers: unknown) => { line(tokens: AwToken[], config: unknown): AwLine[] }
}

const require = createRequire(import.meta.url)
const awParser = require('aw-parser') as AwParser
const awLiner = require('aw-liner') as AwLinerModule

const PARSE_CONFIG = {
  print_headers: true,
  print_actions: true,
  print_dialogues: true,
  print_notes: false,
  print_sections: false,
  print_synopsis: false,
  each_scene_on_new_page: false,
  double_space_between_scenes: false,
  use_dual_dialogue: true,
  merge_multiple_empty_lines: true
}

// afterwriting's print profiles, only the fields the liner reads: lines per page and the maximum
// characters per line of each element (Letter: 61 for full-width elements, A4: 58).
function printProfile(linesPerPage: number, fullWidth: number): Record<string, unknown> {
  return {
    lines_per_page: linesPerPage,
    dual_max_factor: 0.75,
    scene_heading: { max: fullWidth },
    action: { max: fullWidth },
    shot: { max: fullWidth },
    transition: { max: fullWidth },
    centered: { max: fullWidth },
    section: { max: fullWidth },
    synopsis: { max: fullWidth },
    character: { max: 33 },
    parenthetical: { max: 26 },
    dialogue: { max: 36 }
  }
}

export const AFTERWRITING_PROFILES = {
  letter: printProfile(55, 61),
  a4: printProfile(57, 58)
}

/// Body pages afterwriting prints for a Fountain text (its title page is not counted).
export function afterwritingPageCount(text: string, paper: 'letter' | 'a4'): number {
  const { tokens } = awParser.parser.parse(text, PARSE_CONFIG)
  const lines = new awLiner.Liner(awParser.helpers).line(tokens, {
    print: AFTERWRITING_PROFILES[paper],
    text_more: '(MORE)',
    text_contd: "(CONT'D)",
    split_dialogue: true
  })
  return lines.filter((line) => line.type === 'page_break').length + 1
}
