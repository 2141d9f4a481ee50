import { availableParallelism, loadavg } from 'node:os'
import { describe, expect, it } from 'vitest'
import {
  applyRepetitionPenalty,
  applyTemperature,
  banRepeatedNgrams,
  bannedNgramTokens,
  composeProcessors,
  keepTopK,
  keepTopP,
  logitsProcessorsFor,
  topIndices
} from '../../../../src/shared/generation/logits-processors'
import { createRandom } from '../../../../src/shared/generation/random'
import { sampleToken } from '../../../../src/shared/generation/sampler'
import { DEFAULT_GENERATION } from '../../../../src/shared/generation/config'

function kept(logits: Float32Array): number[] {
  const indices: number[] = []
  logits.forEach((logit, index) => {
    if (logit > -Infinity) indices.push(index)
  })
  return indices
}

function logitsOf(probabilities: number[]): Float32Array {
  return Float32Array.from(probabilities.map((p) => Math.log(p)))
}

// Reference top-p by a full sort (slow, obvious): the smallest prefix of the descending order whose
// softmax mass reaches p. Pass `order` to reuse one sort across several p.
function naiveTopP(logits: Float32Array, p: number, order = descendingOrder(logits)): number[] {
  const max = logits[order[0]]
  const total = order.reduce((sum, index) => sum + Math.exp(logits[index] - max), 0)
  let mass = 0
  const result: number[] = []
  for (const index of order) {
    result.push(index)
    mass += Math.exp(logits[index] - max) / total
    if (mass >= p) break
  }
  return result.sort((a, b) => a - b)
}

function descendingOrder(logits: Float32Array): number[] {
  return kept(logits).sort((a, b) => logits[b] - logits[a] || a - b)
}

function randomLogits(size: number, seed: number): Float32Array {
  const random = createRandom(seed)
  const logits = new Float32Array(size)
  // Roughly normal (sum of uniforms), scaled like a real model's spread.
  for (let index = 0; index < size; index++) {
    logits[index] = (random() + random() + random() + random() - 2) * 6
  }
  return logits
}

describe('repetition penalty', () => {
  it('divides positive and multiplies negative logits of seen tokens, once each', () => {
    const logits = Float32Array.from([2, -2, 1, 0.5, 3])
    applyRepetitionPenalty(logits, [0, 1, 1, 3, 99, -1], 2)
    expect(Array.from(logits)).toEqual([1, -4, 1, 0.25, 3])
  })

  it('is a no-op at penalty 1', () => {
    const logits = Float32Array.from([2, -2])
    applyRepetitionPenalty(logits, [0, 1], 1)
    expect(Array.from(logits)).toEqual([2, -2])
  })
})

describe('no-repeat n-gram', () => {
  it('bans the token that followed each earlier occurrence of the last n-1 tokens', () => {
    expect(bannedNgramTokens([1, 2, 3, 1, 2], 3)).toEqual([3])
    expect(bannedNgramTokens([1, 2, 3, 1, 2, 4, 1, 2], 3).sort()).toEqual([3, 4])
    expect(bannedNgramTokens([5, 6, 5, 7, 5], 2).sort()).toEqual([6, 7])
    expect(bannedNgramTokens([1, 2, 3, 4], 3)).toEqual([])
    expect(bannedNgramTokens([7, 7, 7], 3)).toEqual([7])
  })

  it('size 1 bans every token present; too-short histories ban nothing', () => {
    expect(bannedNgramTokens([4, 2, 4], 1).sort()).toEqual([2, 4])
    expect(bannedNgramTokens([1], 3)).toEqual([])
    expect(bannedNgramTokens([1, 2], 0)).toEqual([])
  })

  it('sets exactly the banned logits to -Infinity', () => {
    const logits = new Float32Array(6).fill(1)
    banRepeatedNgrams(logits, [1, 2, 3, 1, 2, 5, 1, 2], 3)
    expect(kept(logits)).toEqual([0, 1, 2, 4])
  })
})

describe('temperature', () => {
  it('divides logits by the temperature', () => {
    expect(Array.from(applyTemperature(Float32Array.from([2, -1, 0]), 0.5))).toEqual([4, -2, 0])
  })
  it('refuses 0 (greedy is the sampler’s job)', () => {
    expect(() => applyTemperature(new Float32Array(2), 0)).toThrow(RangeError)
  })
})

describe('top-k', () => {
  it('keeps exactly the k largest logits, lower index first on ties', () => {
    const logits = Float32Array.from([1, 5, 3, 5, -2])
    expect(kept(keepTopK(Float32Array.from(logits), 2))).toEqual([1, 3])
    expect(kept(keepTopK(Float32Array.from(logits), 3))).toEqual([1, 2, 3])
    expect(kept(keepTopK(Float32Array.from([2, 2, 2]), 1))).toEqual([0])
    const result = keepTopK(Float32Array.from(logits), 3)
    expect([result[1], result[2], result[3]]).toEqual([5, 3, 5])
  })

  it('k = 0 or k ≥ V keeps everything', () => {
    expect(kept(keepTopK(Float32Array.from([1, 2]), 0))).toEqual([0, 1])
    expect(kept(keepTopK(Float32Array.from([1, 2]), 5))).toEqual([0, 1])
  })

  it('topIndices orders by value and treats NaN as lowest', () => {
    expect(Array.from(topIndices(Float32Array.from([NaN, 1, 3, 2]), 3))).toEqual([2, 3, 1])
  })

  it('matches a full sort on a GPT-2-sized vector', () => {
    const logits = randomLogits(50257, 7)
    const expected = Array.from(logits.keys())
      .sort((a, b) => logits[b] - logits[a] || a - b)
      .slice(0, 50)
    expect(Array.from(topIndices(logits, 50))).toEqual(expected)
  })
})

describe('top-p', () => {
  // Probabilities 0.5, 0.25, 0.15, 0.1 placed out of order: index 2, 0, 3, 1.
  const crafted = logitsOf([0.25, 0.1, 0.5, 0.15])

  it('keeps the smallest set whose mass reaches p', () => {
    expect(kept(keepTopP(Float32Array.from(crafted), 0.4))).toEqual([2])
    expect(kept(keepTopP(Float32Array.from(crafted), 0.7))).toEqual([0, 2])
    expect(kept(keepTopP(Float32Array.from(crafted), 0.8))).toEqual([0, 2, 3])
    expect(kept(keepTopP(Float32Array.from(crafted), 0.95))).toEqual([0, 1, 2, 3])
  })

  it('always keeps at least one token, and p = 1 keeps all', () => {
    expect(kept(keepTopP(Float32Array.from(crafted), 1e-9))).toEqual([2])
    expect(kept(keepTopP(Float32Array.from(crafted), 1))).toEqual([0, 1, 2, 3])
  })

  it('measures mass among the tokens top-k left', () => {
    // After top-2 only 0.5 and 0.25 remain: renormalised 2/3 and 1/3.
    const logits = keepTopK(Float32Array.from(crafted), 2)
    expect(kept(keepTopP(Float32Array.from(logits), 0.6))).toEqual([2])
    expect(kept(keepTopP(Float32Array.from(logits), 0.7))).toEqual([0, 2])
  })

  it('matches a full sort on a GPT-2-sized vector without top-k', () => {
    const logits = randomLogits(50257, 11)
    const order = descendingOrder(logits)
    for (const p of [1e-9, 0.1, 0.5, 0.9, 0.99]) {
      expect(kept(keepTopP(Float32Array.from(logits), p))).toEqual(naiveTopP(logits, p, order))
    }
    // The dense path (more than 1024 finite logits) must have been taken with a nucleus that is
    // large too, and must still keep a single token for a tiny p.
    expect(naiveTopP(logits, 0.9, order).length).toBeGreaterThan(1024)
    expect(naiveTopP(logits, 1e-9, order)).toHaveLength(1)
  })
})

describe('composition', () => {
  it('runs processors left to right', () => {
    const double = (logits: Float32Array) => logits.map((logit) => logit * 2)
    const addOne = (logits: Float32Array) => logits.map((logit) => logit + 1)
    const result = composeProcessors([double, addOne])(Float32Array.from([1, 2]), [])
    expect(Array.from(result)).toEqual([3, 5])
  })

  it('builds the pipeline a config asks for, leaving out no-ops', () => {
    const base = { ...DEFAULT_GENERATION, repetitionPenalty: 1, noRepeatNgramSize: 0 }
    expect(logitsProcessorsFor({ ...base, temperature: 1, topK: 0, topP: 1 })).toHaveLength(0)
    expect(logitsProcessorsFor({ ...base, temperature: 0 })).toHaveLength(0)
    expect(logitsProcessorsFor({ ...base, temperature: 0.7, topK: 5, topP: 0.9 })).toHaveLength(3)
    expect(
      logitsProcessorsFor({ ...base, temperature: 0, repetitionPenalty: 1.2, noRepeatNgramSize: 3 })
    ).toHaveLength(2)
  })

  it('applies penalty, temperature, top-k and top-p in that order', () => {
    // Penalty 2 on token 0 (4 → 2), temperature 0.5 doubles, top-2 keeps tokens 1 and 0,
    // top-p 0.5 then keeps only the larger one, token 1.
    const process = composeProcessors(
      logitsProcessorsFor({
        repetitionPenalty: 2,
        noRepeatNgramSize: 0,
        temperature: 0.5,
        topK: 2,
        topP: 0.5
      })
    )
    const result = process(Float32Array.from([4, 3, 1, 0]), [0])
    expect(kept(result)).toEqual([1])
    expect(result[1]).toBe(6)
  })
})

describe('benchmark (printed, not asserted)', () => {
  it('processes one 50257-logit vector with penalty, top-k 50, top-p 0.9', () => {
    const vocabulary = 50257
    const source = randomLogits(vocabulary, 3)
    const scratch = new Float32Array(vocabulary)
    const random = createRandom(5)
    const history = Array.from({ length: 1024 }, () => Math.floor(random() * vocabulary))
    const process = composeProcessors(
      logitsProcessorsFor({
        repetitionPenalty: 1.1,
        noRepeatNgramSize: 0,
        temperature: 0.8,
        topK: 50,
        topP: 0.9
      })
    )
    // Best of several rounds: this machine's cores are shared, and the minimum is the cost of the
    // code rather than of its neighbours.
    const time = (rounds: number, iterations: number, work: () => void): number => {
      work()
      let best = Infinity
      for (let round = 0; round < rounds; round++) {
        const start = performance.now()
        for (let index = 0; index < iterations; index++) work()
        best = Math.min(best, (performance.now() - start) / iterations)
      }
      return best
    }
    const pipelineMs = time(20, 10, () => {
      scratch.set(source)
      sampleToken(process(scratch, history), random)
    })
    const topKOnlyMs = time(20, 10, () => {
      scratch.set(source)
      keepTopK(scratch, 50)
    })
    const topPAloneMs = time(3, 2, () => {
      scratch.set(source)
      keepTopP(scratch, 0.9)
    })
    const fullSortMs = time(2, 1, () => {
      Array.from(source.keys()).sort((a, b) => source[b] - source[a])
    })
    console.log(
      `[benchmark] V=${vocabulary}, 1024-token history, load average ${loadavg()[0].toFixed(1)} ` +
        `on ${availableParallelism()} cores: penalty 1.1 + temperature 0.8 + top-k 50 + top-p 0.9 ` +
        `+ sample = ${pipelineMs.toFixed(3)} ms/vector (best of 20 rounds); top-k 50 alone ` +
        `${topKOnlyMs.toFixed(3)} ms; top-p 0.9 without top-k ${topPAloneMs.toFixed(3)} ms; ` +
        `for comparison a full index sort of V takes ${fullSortMs.toFixed(3)} ms`
    )
    expect(pipelineMs).toBeGreaterThan(0)
  })
})
