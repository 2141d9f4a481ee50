/// The decode loop with the real GPT-2 byte-level BPE tokenizer of the embedded model (read from
/// ../shared at run time) as its decoder, over a FAKE scripted model that writes the tokens of a
/// snippet invented for this test. Checks streaming and Fountain stops on real token boundaries.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { DEFAULT_GENERATION, type GenerationConfig } from '../../../../src/shared/generation/config'
import { generate, type TokenEvent } from '../../../../src/shared/generation/generate'
import type { TokenDecoder } from '../../../../src/shared/generation/model'
import { ScriptedModel } from './fakes'

const MODELS = fileURLToPath(new URL('../../../../../shared/models/', import.meta.url))
const TOKENIZER = `${MODELS}screenplay-gpt2-30m/tokenizer.json`
const present = existsSync(TOKENIZER)
if (!present) console.warn(`Skipping GPT-2 tokenizer tests: ${TOKENIZER} is absent (no ../shared).`)

const SNIPPET =
  'The kettle screams. Mara — soaked, grinning — drops a bag of café beans 🎬.\n\n' +
  'MARA\n“Told you I’d be back.”\n\nEXT. HARBOUR WALL - NIGHT\n\nWaves.'
const EOS = 50256

describe.skipIf(!present)('generation with the GPT-2 tokenizer', () => {
  let loaded: ReturnType<typeof load> | null = null
  const setup = () => (loaded ??= load())
  const load = async () => {
    const { AutoTokenizer, env } = await import('@huggingface/transformers')
    env.allowRemoteModels = false
    env.localModelPath = MODELS
    const tokenizer = await AutoTokenizer.from_pretrained('screenplay-gpt2-30m')
    const decoder: TokenDecoder = {
      decode: (ids) =>
        tokenizer.decode([...ids], {
          skip_special_tokens: false,
          clean_up_tokenization_spaces: false
        })
    }
    const ids = tokenizer.encode(SNIPPET, { add_special_tokens: false })
    return { decoder, ids }
  }
  const config: GenerationConfig = {
    ...DEFAULT_GENERATION,
    temperature: 0,
    repetitionPenalty: 1,
    maxNewTokens: 200,
    eosTokenId: EOS
  }
  const run = async (
    overrides: Partial<GenerationConfig>,
    script?: (ids: number[]) => number[]
  ) => {
    const { decoder, ids } = await setup()
    const events: TokenEvent[] = []
    const model = new ScriptedModel(script ? script(ids) : ids, 50257)
    const result = await generate(
      model,
      decoder,
      [EOS],
      { ...config, ...overrides },
      {
        onToken: (event) => events.push(event)
      }
    )
    return { ids, decoder, result: result.alternatives[0], streamed: events.map((e) => e.text) }
  }

  it('streams whole characters only, and the stream adds up to the text', async () => {
    const { ids, decoder, result, streamed } = await run({}, (ids) => [...ids, EOS])
    // Precondition: the snippet does split characters across tokens.
    const splits = ids.filter((_, index) =>
      decoder.decode(ids.slice(0, index + 1)).endsWith('\uFFFD')
    )
    expect(splits.length).toBeGreaterThan(0)
    expect(result).toMatchObject({ text: SNIPPET, finishReason: 'eos' })
    expect(streamed.some((text) => text.includes('\uFFFD'))).toBe(false)
    expect(streamed.join('')).toBe(SNIPPET)
  })

  it('stops at the element and the scene boundary on real token boundaries', async () => {
    const element = await run({ stopAt: 'element' })
    expect(element.result).toMatchObject({ text: SNIPPET.split('\n\n')[0], finishReason: 'stop' })
    expect(element.streamed.join('')).toBe(element.result.text)
    const scene = await run({ stopAt: 'scene' })
    expect(scene.result.text).toBe(SNIPPET.slice(0, SNIPPET.indexOf('\n\nEXT.')))
    expect(scene.streamed.join('')).toBe(scene.result.text)
    const stop = await run({ stopStrings: ['I’d'] })
    expect(stop.result.text).toBe(SNIPPET.slice(0, SNIPPET.indexOf('I’d')))
    expect(stop.streamed.join('')).toBe(stop.result.text)
  })
})
