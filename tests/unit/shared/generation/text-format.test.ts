/// The format adapter for models trained on IMSDb's indented layout. The model here is a FAKE
/// (ScriptedModel over a toy decoder, see fakes.ts) that writes IMSDb-layout text piece by piece;
/// no real language model runs. What reaches the editor must be compact text.
import { describe, expect, it } from 'vitest'
import { DEFAULT_GENERATION, type GenerationConfig } from '../../../../src/shared/generation/config'
import { generate, type TokenEvent } from '../../../../src/shared/generation/generate'
import { adaptToFormat } from '../../../../src/shared/generation/text-format'
import { compactToImsdbLayout } from '../../../../src/shared/formats/compact-to-imsdb'
import { imsdbOutputToCompact } from '../../../../src/shared/formats/imsdb-to-compact'
import { compactEnding } from '../../../../src/shared/formats/compact-to-imsdb'
import { imsdbToScreenplay } from '../../../../src/shared/formats/imsdb'
import { screenplayToModelText } from '../../../../src/shared/formats/model-text'
import { ScriptedModel, ToyDecoder } from './fakes'

const GREEDY: GenerationConfig = {
  ...DEFAULT_GENERATION,
  temperature: 0,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  noRepeatNgramSize: 0,
  seed: 1,
  eosTokenId: null
}

// Invented scene, compact format, stopping mid-speech.
const PROMPT = [
  '<|endoftext|>INT. LIGHTHOUSE - NIGHT',
  '',
  'Rain hammers the glass. Margot winds the clockwork with both hands.',
  '',
  'MARGOT',
  '(to the cat)',
  'One more turn and she will see us through till mor'
].join('\n')

// What the fake model writes after the layout prompt: the rest of the speech (hard-wrapped at the
// dialogue column), an action paragraph over two lines, a new dialogue block and a transition.
const LAYOUT_PIECES = [
  'ning, Admiral,',
  ' and the boat\n',
  '          will hold.',
  '\n',
  '\n',
  'The cat ignores',
  ' her. Thunder\nrolls over the bay.\n',
  '\n',
  '                    TOBIAS (O.S.)\n',
  '               (',
  'shouting)\n',
  '          Margot! The rope!\n',
  '\n',
  '                                            CUT TO:\n'
]

const COMPACT_OUTPUT =
  'ning, Admiral, and the boat will hold.\n\n' +
  'The cat ignores her. Thunder rolls over the bay.\n\n' +
  'TOBIAS (O.S.)\n(shouting)\nMargot! The rope!\n\n' +
  'CUT TO:'

async function run(
  config: Partial<GenerationConfig>
): Promise<{ text: string; streamed: string; prompt: string }> {
  const decoder = new ToyDecoder(LAYOUT_PIECES)
  const adapter = adaptToFormat('imsdb-indented', PROMPT, decoder)
  const script = LAYOUT_PIECES.map((_, index) => index)
  const model = new ScriptedModel(script, LAYOUT_PIECES.length)
  const events: TokenEvent[] = []
  const result = await generate(
    model,
    adapter.decoder,
    [0],
    { ...GREEDY, maxNewTokens: LAYOUT_PIECES.length, ...config },
    { onToken: (event) => events.push(event) }
  )
  return {
    text: result.alternatives[0].text,
    streamed: events.map((event) => event.text).join(''),
    prompt: adapter.prompt
  }
}

describe('IMSDb-layout models: prompt in', () => {
  it('lays the compact prompt out in IMSDb columns and ends inside the same line', () => {
    const layout = compactToImsdbLayout(PROMPT)
    expect(layout.startsWith('<|endoftext|>INT. LIGHTHOUSE - NIGHT\n\nRain hammers')).toBe(true)
    expect(layout).toContain('\n                    MARGOT\n               (to the cat)\n')
    expect(layout.endsWith('\n          through till mor')).toBe(true)
  })

  it('keeps how the prompt ends: a trailing space, a line break after a cue, a blank line', () => {
    expect(compactToImsdbLayout('MARGOT\nOne more ')).toBe(
      '                    MARGOT\n          One more '
    )
    expect(compactToImsdbLayout('Rain falls.\n\nMARGOT\n')).toBe(
      'Rain falls.\n\n                    MARGOT\n'
    )
    expect(compactToImsdbLayout('Rain falls.\n\n')).toBe('Rain falls.\n\n')
  })

  it('takes the first line of a several-line block as the cue, capitals or not', () => {
    expect(compactToImsdbLayout('McGREGOR\nI did.\n\nCUT TO:\n')).toBe(
      '                    McGREGOR\n          I did.\n\n' + ' '.repeat(53) + 'CUT TO:\n'
    )
  })

  it('reads back through the IMSDb importer as the same compact text', () => {
    const compact =
      'INT. HALL - DAY\n\nA door bangs.\n\nANNA\n(quietly)\nWho is there?\n\nPIET\nOnly me.\n'
    expect(screenplayToModelText(imsdbToScreenplay(compactToImsdbLayout(compact)))).toBe(compact)
  })
})

describe('IMSDb-layout models: output back to compact text', () => {
  it('streams compact text to the editor while the model writes the indented layout', async () => {
    const { text, streamed } = await run({})
    expect(text).toBe(COMPACT_OUTPUT)
    expect(streamed).toBe(COMPACT_OUTPUT)
  })

  it('applies element stops and stop strings to the compact text, not to the layout wraps', async () => {
    const element = await run({ stopAt: 'element' })
    expect(element.text).toBe('ning, Admiral, and the boat will hold.')
    expect(element.streamed).toBe(element.text)
    const line = await run({ stopStrings: ['\n'] })
    expect(line.text).toBe('ning, Admiral, and the boat will hold.')
  })

  it('never takes back streamed text: each prefix of the layout converts to a prefix', () => {
    const layout = LAYOUT_PIECES.join('')
    const ending = compactEnding(PROMPT)
    const full = imsdbOutputToCompact(layout, ending)
    for (let end = 0; end <= layout.length; end++) {
      const part = imsdbOutputToCompact(layout.slice(0, end), ending)
      expect(full.startsWith(part), JSON.stringify(layout.slice(0, end))).toBe(true)
    }
  })

  it('starts a new block after a prompt that ended with a blank line, without doubling it', () => {
    const ending = compactEnding('Rain falls.\n\n')
    expect(imsdbOutputToCompact('                    ANNA\n          Hello.\n', ending)).toBe(
      'ANNA\nHello.'
    )
    const afterCue = compactEnding('Rain falls.\n\nANNA\n')
    expect(imsdbOutputToCompact('          Hello there,\n          Piet.', afterCue)).toBe(
      'Hello there, Piet.'
    )
  })

  it('leaves compact models alone', () => {
    const decoder = new ToyDecoder(['a'])
    const adapter = adaptToFormat('fountain-compact', PROMPT, decoder)
    expect(adapter.prompt).toBe(PROMPT)
    expect(adapter.decoder).toBe(decoder)
  })
})
