/// The decode loop over FAKE models and a FAKE toy decoder (see fakes.ts): no real language model.
import { describe, expect, it } from 'vitest'
import { DEFAULT_GENERATION, type GenerationConfig } from '../../../../src/shared/generation/config'
import {
  generate,
  type GenerationResult,
  type TokenEvent
} from '../../../../src/shared/generation/generate'
import type { DecodeModel } from '../../../../src/shared/generation/model'
import { createRandom } from '../../../../src/shared/generation/random'
import { chainTable, MarkovModel, ScriptedModel, ToyDecoder } from './fakes'

// Plain sampling: no penalties, no truncation, no EOS, unless a test asks.
const PLAIN: GenerationConfig = {
  ...DEFAULT_GENERATION,
  maxNewTokens: 8,
  temperature: 1,
  topK: 0,
  topP: 1,
  repetitionPenalty: 1,
  noRepeatNgramSize: 0,
  seed: 1,
  eosTokenId: null
}

const LETTERS = new ToyDecoder(['<eos>', 'a', 'b', 'c', 'd', 'e', 'f', 'g'])

// Every row's logits a permutation of 0..V-1, so each row has a clear argmax and gaps of at least 1.
function permutationTable(size: number, seed: number): number[][] {
  const random = createRandom(seed)
  return Array.from({ length: size }, () => {
    const values = Array.from({ length: size }, (_, index) => index)
    for (let index = size - 1; index > 0; index--) {
      const other = Math.floor(random() * (index + 1))
      ;[values[index], values[other]] = [values[other], values[index]]
    }
    return values
  })
}

function collect(): { events: TokenEvent[]; onToken: (event: TokenEvent) => void } {
  const events: TokenEvent[] = []
  return { events, onToken: (event) => events.push(event) }
}

function streamedText(events: TokenEvent[], alternative: number): string {
  return events
    .filter((event) => event.alternative === alternative)
    .map((event) => event.text)
    .join('')
}

function ids(result: GenerationResult, alternative = 0): number[] {
  return result.alternatives[alternative].tokenIds
}

describe('generate: choosing tokens', () => {
  const table = permutationTable(8, 3)
  const run = (config: Partial<GenerationConfig>) =>
    generate(new MarkovModel(table), LETTERS, [1], { ...PLAIN, ...config })

  it('greedy follows the argmax of each step', async () => {
    const expected: number[] = []
    let last = 1
    for (let step = 0; step < 8; step++) {
      last = table[last].indexOf(Math.max(...table[last]))
      expected.push(last)
    }
    const result = await run({ temperature: 0 })
    expect(ids(result)).toEqual(expected)
    expect(result.alternatives[0].text).toBe(LETTERS.decode(expected))
    expect(result.alternatives[0].finishReason).toBe('length')
  })

  it('seeded sampling is reproducible and differs across seeds', async () => {
    const first = await run({ seed: 11 })
    expect(ids(await run({ seed: 11 }))).toEqual(ids(first))
    expect(ids(await run({ seed: 12 }))).not.toEqual(ids(first))
    expect(first.seed).toBe(11)
  })

  it('reports the fresh seed it drew, which reproduces the take', async () => {
    const fresh = await run({ seed: null })
    expect(ids(await run({ seed: fresh.seed }))).toEqual(ids(fresh))
  })

  it('temperature near 0 and top-k 1 both equal greedy', async () => {
    const greedy = ids(await run({ temperature: 0 }))
    for (const seed of [1, 2, 3, 4]) {
      expect(ids(await run({ seed, temperature: 1e-3 }))).toEqual(greedy)
      expect(ids(await run({ seed, topK: 1 }))).toEqual(greedy)
    }
  })

  it('applies the no-repeat n-gram ban from the config', async () => {
    // The chain 1→2→3→1→… repeats bigrams at once; with the ban no bigram may recur.
    const model = new MarkovModel(chainTable([1, 2, 3, 1, 5, 6, 7, 4]))
    const result = await generate(model, LETTERS, [1], {
      ...PLAIN,
      temperature: 0,
      noRepeatNgramSize: 2,
      maxNewTokens: 12
    })
    const history = [1, ...ids(result)]
    const bigrams = history.slice(1).map((token, index) => `${history[index]},${token}`)
    expect(new Set(bigrams).size).toBe(bigrams.length)
  })
})

describe('generate: alternatives', () => {
  const table = permutationTable(8, 5)

  it('decodes independent alternatives, all streamed in order', async () => {
    const { events, onToken } = collect()
    const three = await generate(
      new MarkovModel(table),
      LETTERS,
      [2],
      { ...PLAIN, alternatives: 3, seed: 21, maxNewTokens: 10 },
      { onToken }
    )
    const single = await generate(new MarkovModel(table), LETTERS, [2], { ...PLAIN, seed: 21 })
    const five = await generate(new MarkovModel(table), LETTERS, [2], {
      ...PLAIN,
      alternatives: 5,
      seed: 21,
      maxNewTokens: 10
    })
    // Row i draws from its own stream: the same whatever the other rows do.
    expect(ids(three, 0).slice(0, 8)).toEqual(ids(single, 0))
    for (const row of [0, 1, 2]) expect(ids(three, row)).toEqual(ids(five, row))
    expect(new Set(three.alternatives.map((alternative) => alternative.text)).size).toBe(3)
    for (const row of [0, 1, 2]) {
      const own = events.filter((event) => event.alternative === row)
      expect(own.map((event) => event.tokenId)).toEqual(ids(three, row))
      expect(streamedText(events, row)).toBe(three.alternatives[row].text)
    }
  })

  it('ends a row at EOS, keeps feeding it EOS and freezes its output', async () => {
    // After 'a' (1) the EOS (0) and 'b' (2) are equally likely; elsewhere the chain goes on.
    const table = chainTable([1, 2, 3, 1, 5, 6, 7, 4])
    table[1] = [0, -9, 0, -9, -9, -9, -9, -9]
    const model = new MarkovModel(table)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      LETTERS,
      [3],
      { ...PLAIN, alternatives: 6, seed: 5, eosTokenId: 0, maxNewTokens: 12 },
      { onToken }
    )
    const ended = result.alternatives.filter((row) => row.finishReason === 'eos')
    const running = result.alternatives.filter((row) => row.finishReason === 'length')
    // Precondition for this seed: some rows end early, some run to the budget.
    expect(ended.length).toBeGreaterThan(0)
    expect(running.length).toBeGreaterThan(0)
    let fedAfterEnd = 0
    result.alternatives.forEach((row, index) => {
      if (row.finishReason !== 'eos') return
      expect(row.tokenIds[row.tokenIds.length - 1]).toBe(0)
      expect(row.text).toBe(LETTERS.decode(row.tokenIds.slice(0, -1)))
      expect(row.text).not.toContain('<eos>')
      // The model saw the prompt, the tokens before EOS, then only EOS.
      const fedAfter = model.rows[index].slice(row.tokenIds.length)
      fedAfterEnd += fedAfter.length
      expect(fedAfter.every((token) => token === 0)).toBe(true)
      expect(events.filter((event) => event.alternative === index)).toHaveLength(
        row.tokenIds.length
      )
    })
    expect(fedAfterEnd).toBeGreaterThan(0)
  })
})

describe('generate: frozen rows', () => {
  it('feeds a row stopped by a text stop EOS from then on and streams nothing more for it', async () => {
    // EOS (0) is never drawn here, so any 0 the model sees was fed by the loop.
    const table = Array.from({ length: 8 }, () => [-Infinity, 1, 1, 1, 1, 1, 1, 1])
    const model = new MarkovModel(table)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, alternatives: 4, seed: 4, eosTokenId: 0, stopStrings: ['d'], maxNewTokens: 12 },
      { onToken }
    )
    const stoppedEarly = result.alternatives
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => row.finishReason === 'stop' && row.tokenIds.length < 12)
    // Precondition for this seed: a row stopped while another went on.
    expect(stoppedEarly.length).toBeGreaterThan(0)
    expect(result.alternatives.some((row) => row.tokenIds.length === 12)).toBe(true)
    for (const { row, index } of stoppedEarly) {
      expect(row.text).toBe(LETTERS.decode(row.tokenIds).split('d')[0])
      const fedAfter = model.rows[index].slice(row.tokenIds.length)
      expect(fedAfter.length).toBeGreaterThan(0)
      expect(fedAfter.every((token) => token === 0)).toBe(true)
      expect(events.filter((event) => event.alternative === index)).toHaveLength(
        row.tokenIds.length
      )
    }
  })
})

describe('generate: text stops and streaming', () => {
  it('cuts exactly before a stop string that spans token boundaries', async () => {
    const decoder = new ToyDecoder(['<eos>', 'Hel', 'lo', ' ', 'EN', 'D', '!'])
    const model = new MarkovModel(chainTable([1, 2, 3, 4, 5, 6, 1]))
    const { events, onToken } = collect()
    const config = { ...PLAIN, temperature: 0, maxNewTokens: 20, stopStrings: ['END'] }
    const result = await generate(model, decoder, [6], config, { onToken })
    expect(result.alternatives[0]).toMatchObject({
      text: 'Hello ',
      finishReason: 'stop',
      tokenIds: [1, 2, 3, 4, 5]
    })
    expect(events.map((event) => event.text)).toEqual(['Hel', 'lo', ' ', '', ''])
    const across = await generate(model, decoder, [6], { ...config, stopStrings: ['lo E'] })
    expect(across.alternatives[0].text).toBe('Hel')
  })

  const fountain = new ToyDecoder([
    '<eos>',
    'Tom',
    ' waits',
    '.',
    '\n',
    'BRIDGET',
    'IN',
    'T.',
    ' YARD',
    ' - DAY'
  ])

  it('stops at the end of an element and streams no text it cuts', async () => {
    const model = new ScriptedModel([1, 2, 3, 4, 4, 5, 4, 1], 10)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      fountain,
      [5],
      { ...PLAIN, temperature: 0, stopAt: 'element' },
      { onToken }
    )
    expect(result.alternatives[0]).toMatchObject({ text: 'Tom waits.', finishReason: 'stop' })
    expect(streamedText(events, 0)).toBe('Tom waits.')
  })

  it('stops before the next scene heading and streams no text it cuts', async () => {
    const model = new ScriptedModel([1, 2, 3, 4, 4, 6, 7, 8, 9], 10)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      fountain,
      [5],
      { ...PLAIN, temperature: 0, stopAt: 'scene', maxNewTokens: 12 },
      { onToken }
    )
    expect(result.alternatives[0]).toMatchObject({ text: 'Tom waits.', finishReason: 'stop' })
    expect(ids(result)).toEqual([1, 2, 3, 4, 4, 6, 7])
    expect(streamedText(events, 0)).toBe('Tom waits.')
  })

  it('takes a caller’s own text stop', async () => {
    const model = new ScriptedModel([1, 2, 3, 4, 5], 10)
    const stopAtPeriod = (text: string) => (text.includes('.') ? text.indexOf('.') : null)
    const result = await generate(
      model,
      fountain,
      [5],
      { ...PLAIN, temperature: 0 },
      {
        stops: [stopAtPeriod]
      }
    )
    expect(result.alternatives[0]).toMatchObject({ text: 'Tom waits', finishReason: 'stop' })
  })

  it('never streams half of a multi-byte character', async () => {
    const decoder = new ToyDecoder([
      '<eos>',
      'caf',
      [0xc3],
      [0xa9],
      ' ',
      [0xf0],
      [0x9f],
      [0x8e],
      [0xac],
      '!'
    ])
    const model = new ScriptedModel([1, 2, 3, 4, 5, 6, 7, 8, 9], 10)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      decoder,
      [9],
      { ...PLAIN, temperature: 0, maxNewTokens: 9 },
      { onToken }
    )
    expect(result.alternatives[0].text).toBe('café 🎬!')
    expect(events.some((event) => event.text.includes('\uFFFD'))).toBe(false)
    expect(events.map((event) => event.text)).toEqual(['caf', '', 'é', ' ', '', '', '', '🎬', '!'])
  })
})

describe('generate: stop strings through a split character', () => {
  it('holds back a stop string’s start while the next character is still incomplete', async () => {
    // "I’d": the ’ (E2 80 99) arrives in two tokens after the I.
    const decoder = new ToyDecoder(['<eos>', 'you ', 'I', [0xe2, 0x80], [0x99], 'd', '.'])
    const model = new ScriptedModel([1, 2, 3, 4, 5, 6], 7)
    const { events, onToken } = collect()
    const result = await generate(
      model,
      decoder,
      [6],
      { ...PLAIN, temperature: 0, stopStrings: ['I’d'] },
      { onToken }
    )
    expect(result.alternatives[0]).toMatchObject({ text: 'you ', finishReason: 'stop' })
    expect(events.map((event) => event.text)).toEqual(['you ', '', '', '', ''])
  })
})

describe('generate: cancellation', () => {
  const table = permutationTable(8, 9)

  it('abort after k tokens resolves cancelled with k tokens per alternative', async () => {
    const model = new MarkovModel(table)
    const controller = new AbortController()
    const k = 3
    const result = await generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, alternatives: 2, maxNewTokens: 20 },
      {
        signal: controller.signal,
        onToken: (event) => {
          if (event.alternative === 1 && model.stepCalls === k - 1) controller.abort()
        }
      }
    )
    for (const row of result.alternatives) {
      expect(row.finishReason).toBe('cancelled')
      expect(row.tokenIds).toHaveLength(k)
      expect(row.text).toBe(LETTERS.decode(row.tokenIds))
    }
    expect(model.stepCalls).toBe(k - 1)
  })

  it('an already aborted request never runs the model', async () => {
    const model = new MarkovModel(table)
    const result = await generate(model, LETTERS, [1], PLAIN, { signal: AbortSignal.abort() })
    expect(result.alternatives[0]).toMatchObject({ finishReason: 'cancelled', tokenIds: [] })
    expect(model.prefillCalls).toBe(0)
  })

  it('a forward pass rejected by the abort resolves as cancelled; other failures reject', async () => {
    const controller = new AbortController()
    const inner = new MarkovModel(table)
    const failing = (abort: boolean): DecodeModel => ({
      vocabSize: inner.vocabSize,
      contextLength: inner.contextLength,
      prefill: (prompt, rows) => inner.prefill(prompt, rows),
      step: async () => {
        if (abort) controller.abort()
        throw new Error('runtime failed')
      }
    })
    const options = { signal: controller.signal }
    await expect(generate(failing(false), LETTERS, [1], PLAIN, options)).rejects.toThrow(
      'runtime failed'
    )
    const result = await generate(failing(true), LETTERS, [1], PLAIN, options)
    expect(result.alternatives[0]).toMatchObject({ finishReason: 'cancelled' })
    expect(result.alternatives[0].tokenIds).toHaveLength(1)
  })
})

describe('generate: holding between tokens (beforeStep)', () => {
  const table = permutationTable(8, 21)

  it('awaits the hook before every forward pass after the prompt, never before the prompt', async () => {
    const model = new MarkovModel(table)
    const seen: [number, number][] = []
    const result = await generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, maxNewTokens: 4 },
      {
        beforeStep: async () => {
          seen.push([model.prefillCalls, model.stepCalls])
        }
      }
    )
    expect(ids(result)).toHaveLength(4)
    // 4 tokens: the prompt's pass gives the first, then 3 steps, each after the hook.
    expect(seen).toEqual([
      [1, 0],
      [1, 1],
      [1, 2]
    ])
  })

  it('runs no forward pass until the hook resolves', async () => {
    const model = new MarkovModel(table)
    let release: () => void = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    const done = generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, maxNewTokens: 3 },
      {
        beforeStep: () => held
      }
    )
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect([model.prefillCalls, model.stepCalls]).toEqual([1, 0])
    release()
    expect(ids(await done)).toHaveLength(3)
    expect(model.stepCalls).toBe(2)
  })

  it('a cancellation while held ends the request without another forward pass', async () => {
    const model = new MarkovModel(table)
    const controller = new AbortController()
    const result = await generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, alternatives: 2, maxNewTokens: 10 },
      {
        signal: controller.signal,
        beforeStep: async () => {
          if (model.stepCalls === 1) controller.abort()
        }
      }
    )
    expect(model.stepCalls).toBe(1)
    for (const row of result.alternatives) {
      expect(row).toMatchObject({ finishReason: 'cancelled' })
      expect(row.tokenIds).toHaveLength(2)
    }
  })
})

describe('generate: continuing an open scene (continuesScene)', () => {
  // Token 1 after the prompt: EXT. (a new scene) by a clear margin, then Elsa (a line of action).
  const pieces = ['<eos>', '\n\n', 'EXT.', ' SEA - NIGHT', 'Elsa', ' waits.']
  const vocab = new ToyDecoder(pieces)
  const table = pieces.map((_, last) =>
    pieces.map((_, next) => {
      if (last === 1) return next === 2 ? 6 : next === 4 ? 3 : 0
      return next === last + 1 ? 4 : 0
    })
  )
  const run = (continuesScene: boolean) =>
    generate(new MarkovModel(table), vocab, [1], {
      ...PLAIN,
      temperature: 0,
      maxNewTokens: 2,
      continuesScene
    })

  it('opens with the next likeliest line instead of a scene heading', async () => {
    expect((await run(false)).alternatives[0].text).toBe('EXT. SEA - NIGHT')
    expect((await run(true)).alternatives[0].text).toBe('Elsa waits.')
  })
})

describe('generate: limits and timing', () => {
  const table = permutationTable(8, 13)
  const prompt = (length: number) => Array.from({ length }, (_, index) => 1 + (index % 7))

  it('keeps prompt + output within the context length', async () => {
    const model = new MarkovModel(table, 10)
    const result = await generate(model, LETTERS, prompt(7), { ...PLAIN, maxNewTokens: 100 })
    expect(result.alternatives[0]).toMatchObject({ finishReason: 'length' })
    expect(ids(result)).toHaveLength(3)
    // The last token is never fed: the model saw the prompt and two generated tokens.
    expect(model.rows[0]).toHaveLength(9)
  })

  it('a prompt that fills the context yields nothing; a longer one is refused', async () => {
    const model = new MarkovModel(table, 10)
    const full = await generate(model, LETTERS, prompt(10), PLAIN)
    expect(full.alternatives[0]).toMatchObject({ finishReason: 'length', tokenIds: [], text: '' })
    expect(model.prefillCalls).toBe(0)
    await expect(generate(model, LETTERS, prompt(11), PLAIN)).rejects.toThrow(/last 10 tokens/)
    await expect(generate(model, LETTERS, [], PLAIN)).rejects.toThrow(/prompt is empty/)
  })

  it('refuses an invalid config with the validation message', async () => {
    const model = new MarkovModel(table)
    await expect(generate(model, LETTERS, [1], { ...PLAIN, topP: 0 })).rejects.toThrow(
      /topP must be/
    )
    await expect(generate(model, LETTERS, [1], { ...PLAIN, eosTokenId: 8 })).rejects.toThrow(
      /outside the model's vocabulary/
    )
  })

  it('reports time to first token and tokens per second', async () => {
    const model = new MarkovModel(table)
    const result = await generate(
      model,
      LETTERS,
      [1],
      { ...PLAIN, maxNewTokens: 5 },
      { now: () => model.clock.now }
    )
    // Fake clock: prefill 50 ms, each step 10 ms.
    expect(result.prefillMs).toBe(50)
    expect(result.alternatives[0].timing).toEqual({
      timeToFirstTokenMs: 50,
      tokensPerSecond: 100,
      totalMs: 90
    })
  })
})
