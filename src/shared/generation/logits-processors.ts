/// Logits processors: small functions over one alternative's next-token logits, a Float32Array of
/// length V (the vocabulary, 50257 for GPT-2). Each one rewrites `logits` in place and returns it,
/// with no state of its own; the decode loop hands them a copy of the model's output. A token is
/// removed from the draw by setting its logit to -Infinity.
import type { GenerationConfig } from './config'

/// One stage of the pipeline. `tokenIds` is the alternative's prompt followed by its output so far.
export type LogitsProcessor = (logits: Float32Array, tokenIds: readonly number[]) => Float32Array

/// CTRL / Hugging Face repetition penalty: every token present in `tokenIds` (counted once, however
/// often it occurs) has its logit divided by `penalty` when positive and multiplied when negative,
/// so a penalty above 1 always makes it less likely.
export function applyRepetitionPenalty(
  logits: Float32Array,
  tokenIds: readonly number[],
  penalty: number
): Float32Array {
  if (penalty === 1) return logits
  const seen = new Set<number>()
  for (const token of tokenIds) {
    if (token < 0 || token >= logits.length || seen.has(token)) continue
    seen.add(token)
    const logit = logits[token]
    logits[token] = logit > 0 ? logit / penalty : logit * penalty
  }
  return logits
}

/// The tokens that would complete an n-gram of `size` already present in `tokenIds`: for every
/// earlier occurrence of the last `size - 1` tokens, the token that followed it.
export function bannedNgramTokens(tokenIds: readonly number[], size: number): number[] {
  const length = tokenIds.length
  if (size <= 0 || length < size - 1) return []
  const prefixStart = length - (size - 1)
  const banned = new Set<number>()
  for (let start = 0; start + size <= length; start++) {
    let matches = true
    for (let offset = 0; offset < size - 1; offset++) {
      if (tokenIds[start + offset] !== tokenIds[prefixStart + offset]) {
        matches = false
        break
      }
    }
    if (matches) banned.add(tokenIds[start + size - 1])
  }
  return [...banned]
}

/// No-repeat n-gram: removes every token that `bannedNgramTokens` names.
export function banRepeatedNgrams(
  logits: Float32Array,
  tokenIds: readonly number[],
  size: number
): Float32Array {
  for (const token of bannedNgramTokens(tokenIds, size)) {
    if (token >= 0 && token < logits.length) logits[token] = -Infinity
  }
  return logits
}

/// Divides every logit by `temperature` (> 0). Temperature 0 is greedy decoding, which the
/// sampler handles; it is not a division.
export function applyTemperature(logits: Float32Array, temperature: number): Float32Array {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`)
  if (temperature === 1) return logits
  const scale = 1 / temperature
  for (let index = 0; index < logits.length; index++) logits[index] *= scale
  return logits
}

/// The indices of the `count` largest logits, largest first (ties: lower index first; NaN counts
/// as -Infinity). A min-heap of size `count` over one pass: O(V log count), and almost every logit
/// costs one comparison against the heap's root, instead of sorting all V.
export function topIndices(logits: Float32Array, count: number): Int32Array {
  const size = Math.max(0, Math.min(count, logits.length))
  const heapIndex = new Int32Array(size)
  const heapValue = new Float64Array(size)
  // `worse(a, b)`: slot a ranks below slot b, so it sits nearer the root.
  const worse = (a: number, b: number): boolean =>
    heapValue[a] < heapValue[b] || (heapValue[a] === heapValue[b] && heapIndex[a] > heapIndex[b])
  const swap = (a: number, b: number): void => {
    const index = heapIndex[a]
    heapIndex[a] = heapIndex[b]
    heapIndex[b] = index
    const value = heapValue[a]
    heapValue[a] = heapValue[b]
    heapValue[b] = value
  }
  const siftDown = (start: number): void => {
    let parent = start
    for (;;) {
      const left = 2 * parent + 1
      if (left >= size) return
      const right = left + 1
      const child = right < size && worse(right, left) ? right : left
      if (!worse(child, parent)) return
      swap(child, parent)
      parent = child
    }
  }
  if (size === 0) return heapIndex
  for (let index = 0; index < size; index++) {
    const logit = logits[index]
    heapIndex[index] = index
    heapValue[index] = logit === logit ? logit : -Infinity
    // Sift the new slot up.
    let child = index
    while (child > 0) {
      const parent = (child - 1) >> 1
      if (!worse(child, parent)) break
      swap(child, parent)
      child = parent
    }
  }
  // The hot loop: one comparison per logit against the root, the weakest of the best so far.
  // A later index never displaces an equal value, which keeps the lower index on ties; NaN never
  // compares greater.
  let threshold = heapValue[0]
  for (let index = size; index < logits.length; index++) {
    const logit = logits[index]
    if (logit > threshold) {
      heapIndex[0] = index
      heapValue[0] = logit
      siftDown(0)
      threshold = heapValue[0]
    }
  }
  const order = Array.from(heapIndex)
  order.sort((a, b) => valueOf(logits, b) - valueOf(logits, a) || a - b)
  return Int32Array.from(order)
}

function valueOf(logits: Float32Array, index: number): number {
  const logit = logits[index]
  return logit === logit ? logit : -Infinity
}

// Up to this many finite logits (what top-k leaves), top-p gathers and sorts them directly.
const GATHER_LIMIT = 1024

// Keeps exactly the listed tokens: everything else becomes -Infinity.
function keepOnly(logits: Float32Array, kept: Int32Array, count: number): Float32Array {
  const values = new Float32Array(count)
  for (let rank = 0; rank < count; rank++) values[rank] = logits[kept[rank]]
  logits.fill(-Infinity)
  for (let rank = 0; rank < count; rank++) logits[kept[rank]] = values[rank]
  return logits
}

/// Top-k: keeps the `k` largest logits (exactly k, ties broken by lower index); k ≤ 0 or k ≥ V
/// keeps everything.
export function keepTopK(logits: Float32Array, k: number): Float32Array {
  if (k <= 0 || k >= logits.length) return logits
  return keepOnly(logits, topIndices(logits, k), k)
}

/// Top-p (nucleus): keeps the smallest set of most likely tokens whose softmax mass is ≥ p, and
/// always at least one. After top-k only k logits are finite: those are gathered in one pass and
/// only they are sorted. Without top-k, all V are never sorted: tokens are bucketed by logit, and
/// only the bucket where the mass reaches p is sorted.
export function keepTopP(logits: Float32Array, p: number): Float32Array {
  if (p >= 1) return logits
  let max = -Infinity
  let finite = 0
  const gathered: number[] = []
  for (let index = 0; index < logits.length; index++) {
    const logit = logits[index]
    if (logit > -Infinity) {
      if (++finite <= GATHER_LIMIT) gathered.push(index)
      if (logit > max) max = logit
    }
  }
  if (finite === 0) return logits
  if (finite > GATHER_LIMIT) return keepDenseNucleus(logits, p, max)
  let total = 0
  for (const index of gathered) total += Math.exp(logits[index] - max)
  const order = gathered.sort((a, b) => logits[b] - logits[a] || a - b)
  let mass = 0
  let kept = 0
  while (kept < order.length && mass < p * total) mass += Math.exp(logits[order[kept++]] - max)
  return keepOnly(logits, Int32Array.from(order), kept)
}

// Buckets of logit values for the dense top-p: BUCKETS equal slices of the BUCKET_SPAN below the
// max; anything lower (weight < e^-40 of the top token) shares the lowest bucket.
const BUCKETS = 4096
const BUCKET_SPAN = 40

// Top-p over a vector with more than GATHER_LIMIT finite logits: every bucket above the one
// where the cumulative mass (from the top) reaches p is kept whole; that bucket alone is sorted
// and kept down to the token that reaches p. Four passes over V, one of them with exp().
function keepDenseNucleus(logits: Float32Array, p: number, max: number): Float32Array {
  const floor = max - BUCKET_SPAN
  const scale = BUCKETS / BUCKET_SPAN
  const bucketOf = (logit: number): number =>
    Math.min(BUCKETS - 1, Math.max(0, Math.floor((logit - floor) * scale)))
  const bucketMass = new Float64Array(BUCKETS)
  let total = 0
  for (let index = 0; index < logits.length; index++) {
    const logit = logits[index]
    if (!(logit > -Infinity)) continue
    const weight = Math.exp(logit - max)
    total += weight
    bucketMass[bucketOf(logit)] += weight
  }
  const target = p * total
  let mass = 0
  let boundary = BUCKETS - 1
  while (boundary >= 0 && mass + bucketMass[boundary] < target) mass += bucketMass[boundary--]
  // Rounding left the whole mass a hair below p: keep every finite token.
  if (boundary < 0) return logits
  const members: number[] = []
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > -Infinity && bucketOf(logits[index]) === boundary) members.push(index)
  }
  members.sort((a, b) => logits[b] - logits[a] || a - b)
  let kept = 0
  while (kept < members.length && mass < target) mass += Math.exp(logits[members[kept++]] - max)
  for (let index = 0; index < logits.length; index++) {
    if (logits[index] > -Infinity && bucketOf(logits[index]) < boundary) logits[index] = -Infinity
  }
  for (let rank = kept; rank < members.length; rank++) logits[members[rank]] = -Infinity
  return logits
}

/// Runs processors left to right.
export function composeProcessors(processors: readonly LogitsProcessor[]): LogitsProcessor {
  return (logits, tokenIds) => {
    let result = logits
    for (const processor of processors) result = processor(result, tokenIds)
    return result
  }
}

/// The pipeline a config asks for, in Hugging Face's order: penalties on the raw logits, then
/// temperature, top-k and top-p. Stages that would change nothing are left out; greedy decoding
/// (temperature 0) keeps only the penalties, since the other stages cannot change the argmax.
export function logitsProcessorsFor(
  config: Pick<
    GenerationConfig,
    'repetitionPenalty' | 'noRepeatNgramSize' | 'temperature' | 'topK' | 'topP'
  >
): LogitsProcessor[] {
  const { repetitionPenalty, noRepeatNgramSize, temperature, topK, topP } = config
  const processors: LogitsProcessor[] = []
  if (repetitionPenalty !== 1) {
    processors.push((logits, tokenIds) =>
      applyRepetitionPenalty(logits, tokenIds, repetitionPenalty)
    )
  }
  if (noRepeatNgramSize > 0) {
    processors.push((logits, tokenIds) => banRepeatedNgrams(logits, tokenIds, noRepeatNgramSize))
  }
  if (temperature === 0) return processors
  if (temperature !== 1) processors.push((logits) => applyTemperature(logits, temperature))
  if (topK > 0) processors.push((logits) => keepTopK(logits, topK))
  if (topP < 1) processors.push((logits) => keepTopP(logits, topP))
  return processors
}
