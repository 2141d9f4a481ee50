// The retrain panel's fields: defaults, the message for each kind of wrong value, and the request
// they become (which the app's IPC boundary must accept).
import { describe, expect, it } from 'vitest'
import {
  intervalHint,
  checkRetrainFields,
  defaultRetrainFields,
  patienceHint,
  previewRequest,
  type RetrainFields
} from '../../../../src/renderer/src/retrain/retrain-form'
import { RUN_SCHEDULE_DEFAULTS } from '../../../../src/shared/retraining/run-schedule'
import { invokeValidators } from '../../../../src/shared/ipc/validators'

const fields = (patch: Partial<RetrainFields> = {}): RetrainFields => ({
  ...defaultRetrainFields(new Date('2026-03-04T10:00:00Z')),
  scripts: '/home/writer/scripts\n\n  /home/writer/old.fdx  \n',
  ...patch
})

function errorsOf(patch: Partial<RetrainFields>) {
  const checked = checkRetrainFields(fields(patch))
  if (checked.ok) throw new Error(`expected errors for ${JSON.stringify(patch)}`)
  return checked.errors
}

describe('retrain form', () => {
  it('offers the run schedule the training falls back to', () => {
    const defaults = defaultRetrainFields(new Date('2026-03-04T10:00:00Z'))
    expect(defaults.runName).toBe('my-voice-2026-03-04')
    expect(defaults).toMatchObject({
      evaluationInterval: String(RUN_SCHEDULE_DEFAULTS.evaluationInterval),
      sampleInterval: String(RUN_SCHEDULE_DEFAULTS.sampleInterval),
      checkpointInterval: String(RUN_SCHEDULE_DEFAULTS.checkpointInterval),
      earlyStoppingPatience: String(RUN_SCHEDULE_DEFAULTS.earlyStoppingPatience)
    })
    // The defaults fit the default step budget: the panel opens without complaints.
    expect(checkRetrainFields(defaults).ok).toBe(true)
  })

  it('maps the fields to the request, which the IPC boundary accepts', () => {
    const checked = checkRetrainFields(
      fields({
        genres: 'Drama, , Comedy ',
        steps: '40',
        evaluationInterval: '5',
        sampleInterval: '20',
        checkpointInterval: '10',
        earlyStoppingPatience: '3'
      })
    )
    expect(checked).toEqual({
      ok: true,
      request: {
        runName: 'my-voice-2026-03-04',
        scripts: ['/home/writer/scripts', '/home/writer/old.fdx'],
        genres: ['Drama', 'Comedy'],
        steps: 40,
        learningRate: 0.0001,
        batchSize: 4,
        contextLength: 256,
        evaluationInterval: 5,
        sampleInterval: 20,
        checkpointInterval: 10,
        earlyStoppingPatience: 3
      }
    })
    if (!checked.ok) return
    const atBoundary = invokeValidators['training:start']({ ...checked.request, resume: false }, '')
    expect(atBoundary.ok).toBe(true)
  })

  it('reads an empty or zero sample interval and patience as off', () => {
    for (const off of ['', '0', '  ']) {
      const checked = checkRetrainFields(
        fields({ sampleInterval: off, earlyStoppingPatience: off })
      )
      expect(checked.ok && checked.request).toMatchObject({
        sampleInterval: 0,
        earlyStoppingPatience: 0
      })
      if (checked.ok) {
        expect(invokeValidators['training:start'](checked.request, '').ok).toBe(true)
      }
    }
    expect(patienceHint(fields({ earlyStoppingPatience: '' }))).toMatch(/^Off/)
  })

  it('accepts an interval longer than the run and says beside it what it means for this run', () => {
    const short = fields({
      steps: '20',
      evaluationInterval: '25',
      sampleInterval: '200',
      checkpointInterval: '21'
    })
    const checked = checkRetrainFields(short)
    expect(checked.ok).toBe(true)
    if (checked.ok) {
      expect(checked.request).toMatchObject({
        steps: 20,
        evaluationInterval: 25,
        sampleInterval: 200,
        checkpointInterval: 21
      })
    }
    expect(intervalHint(short, 'evaluationInterval')).toBe(
      'Longer than this 20-step run: scored once, at the end.'
    )
    expect(intervalHint(short, 'sampleInterval')).toBe(
      'Longer than this 20-step run: only the final sample.'
    )
    expect(intervalHint(short, 'checkpointInterval')).toBe(
      'Longer than this 20-step run: saved at the end and on pause only.'
    )
    // Within the run (an interval equal to it comes round once, at the end), the usual hint.
    const fits = fields({ steps: '20', evaluationInterval: '20', sampleInterval: '0' })
    expect(intervalHint(fits, 'evaluationInterval')).toMatch(/^Scores the model/)
    expect(intervalHint(fits, 'sampleInterval')).toMatch(/^A few lines/)
  })

  it('refuses fractions, blanks, zeros and text with a message each', () => {
    const errors = errorsOf({
      evaluationInterval: '12.5',
      checkpointInterval: '',
      sampleInterval: '-1',
      earlyStoppingPatience: '1.5'
    })
    expect(errors).toEqual({
      evaluationInterval: 'Use a whole number of steps (not 12.5).',
      checkpointInterval: 'Enter a number of steps.',
      sampleInterval: 'Use 0 or more.',
      earlyStoppingPatience: 'Use a whole number of checks (not 1.5).'
    })
    expect(errorsOf({ evaluationInterval: '0' }).evaluationInterval).toBe('Use 1 or more.')
    expect(errorsOf({ checkpointInterval: 'often' }).checkpointInterval).toBe(
      '"often" is not a number.'
    )
    expect(errorsOf({ earlyStoppingPatience: '5000' }).earlyStoppingPatience).toBe(
      'Use at most 1,000.'
    )
  })

  it('checks the existing knobs too, and skips the step comparison while steps are wrong', () => {
    const errors = errorsOf({ steps: '2.5', batchSize: '0', learningRate: '0.5' })
    expect(errors).toEqual({
      steps: 'Use a whole number of steps (not 2.5).',
      batchSize: 'Use 1 or more.',
      learningRate: 'Use a learning rate between 0.0000001 and 0.01 (e.g. 0.0001).'
    })
    expect(errorsOf({ contextLength: '8' }).contextLength).toBe('Use 16 or more.')
  })

  it('previews with the context length only while it is valid', () => {
    expect(previewRequest(fields({ genres: 'Drama', contextLength: '128' }))).toEqual({
      scripts: ['/home/writer/scripts', '/home/writer/old.fdx'],
      contextLength: 128,
      genres: ['Drama']
    })
    expect(previewRequest(fields({ contextLength: '12.5' }))).toEqual({
      scripts: ['/home/writer/scripts', '/home/writer/old.fdx']
    })
  })

  it('says what the patience means in steps', () => {
    expect(patienceHint(fields({ earlyStoppingPatience: '4', evaluationInterval: '25' }))).toBe(
      'Stops after 4 checks in a row (100 steps) with no better score. 0 = never.'
    )
    expect(patienceHint(fields({ earlyStoppingPatience: '1', evaluationInterval: 'x' }))).toBe(
      'Stops after 1 check in a row with no better score. 0 = never.'
    )
  })
})
