/// The retrain panel's fields as the writer types them, checked with a message per field, and
/// turned into the request the panel sends. Fields stay text so "12.5" or "" can be explained
/// instead of silently becoming a number.
import type { PreviewRequest, RetrainRequest } from '../../../shared/retraining/training-types'
import { RUN_SCHEDULE_DEFAULTS } from '../../../shared/retraining/run-schedule'

export interface RetrainFields {
  runName: string
  /// Files or folders, one per line.
  scripts: string
  /// Comma-separated genres; empty = all scripts.
  genres: string
  steps: string
  learningRate: string
  batchSize: string
  contextLength: string
  /// Steps between checks on the held-out scripts.
  evaluationInterval: string
  /// Steps between samples; 0 or empty = only the final sample.
  sampleInterval: string
  /// Steps between checkpoints.
  checkpointInterval: string
  /// Checks without improvement before stopping; 0 or empty = never stop early.
  earlyStoppingPatience: string
}

export type RetrainFieldName = keyof RetrainFields
export type RetrainFieldErrors = Partial<Record<RetrainFieldName, string>>

/// What the panel sends to 'training:start' (it adds `resume`).
export type CheckedRetrainRequest = Omit<RetrainRequest, 'resume'>

export type CheckedRetrainFields =
  { ok: true; request: CheckedRetrainRequest } | { ok: false; errors: RetrainFieldErrors }

// The ranges 'training:start' accepts (src/shared/ipc/validators.ts).
const MAX_STEPS = 1_000_000
const MAX_PATIENCE = 1_000
const LEARNING_RATE = { min: 1e-7, max: 1e-2 }
const BATCH = { min: 1, max: 64 }
const CONTEXT = { min: 16, max: 4096 }

export function defaultRetrainFields(today: Date = new Date()): RetrainFields {
  return {
    runName: `my-voice-${today.toISOString().slice(0, 10)}`,
    scripts: '',
    genres: '',
    steps: '200',
    learningRate: '0.0001',
    batchSize: '4',
    contextLength: '256',
    evaluationInterval: String(RUN_SCHEDULE_DEFAULTS.evaluationInterval),
    sampleInterval: String(RUN_SCHEDULE_DEFAULTS.sampleInterval),
    checkpointInterval: String(RUN_SCHEDULE_DEFAULTS.checkpointInterval),
    earlyStoppingPatience: String(RUN_SCHEDULE_DEFAULTS.earlyStoppingPatience)
  }
}

export function scriptList(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
}

export function genreList(text: string): string[] {
  return text
    .split(',')
    .map((genre) => genre.trim())
    .filter(Boolean)
}

type Parsed = { ok: true; value: number } | { ok: false; message: string }

/// A whole number in [min, max] (`unit` names it in messages); `empty` is what a blank field
/// means (none: blank is an error).
function wholeNumber(
  text: string,
  unit: string | null,
  range: { min: number; max: number; empty?: number }
): Parsed {
  const trimmed = text.trim()
  const of = unit ? ` of ${unit}` : ''
  if (trimmed === '') {
    return range.empty === undefined
      ? { ok: false, message: `Enter a number${of}.` }
      : { ok: true, value: range.empty }
  }
  const value = Number(trimmed)
  if (!Number.isFinite(value)) return { ok: false, message: `"${trimmed}" is not a number.` }
  if (!Number.isInteger(value)) {
    return { ok: false, message: `Use a whole number${of} (not ${trimmed}).` }
  }
  if (value < range.min) return { ok: false, message: `Use ${range.min} or more.` }
  if (value > range.max) {
    return { ok: false, message: `Use at most ${range.max.toLocaleString('en-US')}.` }
  }
  return { ok: true, value }
}

function learningRate(text: string): Parsed {
  const value = Number(text.trim())
  if (text.trim() === '' || !Number.isFinite(value)) {
    return { ok: false, message: 'Enter a learning rate such as 0.0001.' }
  }
  if (value < LEARNING_RATE.min || value > LEARNING_RATE.max) {
    return { ok: false, message: 'Use a learning rate between 0.0000001 and 0.01 (e.g. 0.0001).' }
  }
  return { ok: true, value }
}

/// A whole number of steps. One longer than the run is allowed: it never comes round during the run,
/// and what it schedules happens at the end only (intervalHint says so beside the field).
function interval(text: string, offWhenZero: boolean): Parsed {
  return wholeNumber(text, 'steps', {
    min: offWhenZero ? 0 : 1,
    max: MAX_STEPS,
    ...(offWhenZero ? { empty: 0 } : {})
  })
}

type IntervalField = 'evaluationInterval' | 'sampleInterval' | 'checkpointInterval'

const INTERVAL_HINTS: Record<IntervalField, { usual: string; pastTheRun: string }> = {
  evaluationInterval: {
    usual: 'Scores the model on your held-out script. The best-scoring step becomes the new model.',
    pastTheRun: 'scored once, at the end'
  },
  sampleInterval: {
    usual: 'A few lines in the new voice, a few seconds each. 0 = only at the end.',
    pastTheRun: 'only the final sample'
  },
  checkpointInterval: {
    usual: 'After a pause, a quit or a crash, training picks up from the last save.',
    pastTheRun: 'saved at the end and on pause only'
  }
}

/// What an interval field does, or, when it is longer than the run, what that means for this run.
export function intervalHint(fields: RetrainFields, name: IntervalField): string {
  const hint = INTERVAL_HINTS[name]
  const steps = wholeNumber(fields.steps, 'steps', { min: 1, max: MAX_STEPS })
  const every = interval(fields[name], name === 'sampleInterval')
  if (!steps.ok || !every.ok || every.value === 0 || every.value <= steps.value) return hint.usual
  return `Longer than this ${steps.value}-step run: ${hint.pastTheRun}.`
}

/// Checks every field; either the request to send or a message for each field that is wrong.
export function checkRetrainFields(fields: RetrainFields): CheckedRetrainFields {
  const steps = wholeNumber(fields.steps, 'steps', { min: 1, max: MAX_STEPS })
  const parsed = {
    steps,
    learningRate: learningRate(fields.learningRate),
    batchSize: wholeNumber(fields.batchSize, null, BATCH),
    contextLength: wholeNumber(fields.contextLength, null, CONTEXT),
    evaluationInterval: interval(fields.evaluationInterval, false),
    sampleInterval: interval(fields.sampleInterval, true),
    checkpointInterval: interval(fields.checkpointInterval, false),
    earlyStoppingPatience: wholeNumber(fields.earlyStoppingPatience, 'checks', {
      min: 0,
      max: MAX_PATIENCE,
      empty: 0
    })
  }
  const errors: RetrainFieldErrors = {}
  const values: Partial<Record<keyof typeof parsed, number>> = {}
  for (const [name, result] of Object.entries(parsed) as [keyof typeof parsed, Parsed][]) {
    if (result.ok) values[name] = result.value
    else errors[name] = result.message
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors }
  const numbers = values as Record<keyof typeof parsed, number>
  const genres = genreList(fields.genres)
  return {
    ok: true,
    request: {
      runName: fields.runName.trim(),
      scripts: scriptList(fields.scripts),
      ...(genres.length > 0 ? { genres } : {}),
      ...numbers
    }
  }
}

/// What 'training:preview' needs: the scripts, genres and (when it is valid) the context length.
export function previewRequest(fields: RetrainFields): PreviewRequest {
  const genres = genreList(fields.genres)
  const context = wholeNumber(fields.contextLength, null, CONTEXT)
  return {
    scripts: scriptList(fields.scripts),
    ...(context.ok ? { contextLength: context.value } : {}),
    ...(genres.length > 0 ? { genres } : {})
  }
}

/// The early-stopping hint: what the patience means in steps for this run.
export function patienceHint(fields: RetrainFields): string {
  const patience = wholeNumber(fields.earlyStoppingPatience, 'checks', {
    min: 0,
    max: MAX_PATIENCE,
    empty: 0
  })
  const every = wholeNumber(fields.evaluationInterval, 'steps', { min: 1, max: MAX_STEPS })
  if (!patience.ok) return 'Checks in a row without a better score before it stops.'
  if (patience.value === 0) return 'Off: the run goes on to its last step.'
  const span = every.ok ? ` (${(patience.value * every.value).toLocaleString('en-US')} steps)` : ''
  return `Stops after ${patience.value} check${patience.value === 1 ? '' : 's'} in a row${span} with no better score. 0 = never.`
}
