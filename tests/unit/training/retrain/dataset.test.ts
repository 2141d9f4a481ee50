import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { unwrap } from '../../../../src/shared/result'
import { loadTokenizer } from '../../../../training/inference/tokenizer'
import { prepareDataset } from '../../../../training/retrain/dataset'
import { listScriptFiles } from '../../../../training/retrain/run-retraining'

const MODEL = fileURLToPath(
  new URL('../../../../resources/models/screenplay-gpt2-30m', import.meta.url)
)
const SCRIPTS = fileURLToPath(new URL('../../../fixtures/scripts/retrain', import.meta.url))
const LIGHTHOUSE = fileURLToPath(
  new URL('../../../fixtures/scripts/lighthouse.fountain', import.meta.url)
)

describe('retraining dataset', () => {
  const tokenizer = unwrap(loadTokenizer(MODEL))

  it('finds scripts in folders, keeps whole scripts per split and joins them with <|endoftext|>', async () => {
    const files = listScriptFiles([SCRIPTS, LIGHTHOUSE])
    expect(files.map((file) => file.split('/').pop())).toEqual([
      'harbour.fountain',
      'rock.fountain',
      'lighthouse.fountain'
    ])
    const dataset = await prepareDataset(files, tokenizer, { validationShare: 0.34 })
    const splits = dataset.scripts.map((script) => script.split)
    expect(splits.filter((split) => split === 'validation')).toHaveLength(1)
    const train = dataset.scripts.filter((script) => script.split === 'train')
    // Every training script's tokens plus one separator each; no script is split.
    expect(dataset.trainTokens.length).toBe(
      train.reduce((sum, script) => sum + script.tokens + 1, 0)
    )
    expect([...dataset.trainTokens].filter((id) => id === 50256)).toHaveLength(train.length)
    expect(dataset.trainTexts).toHaveLength(train.length)
    // The model's compact format: no title page, no indentation.
    expect(dataset.sample.startsWith("INT. HARBOUR MASTER'S OFFICE - MORNING\n\n")).toBe(true)
  })

  it('skips what it cannot use and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-dataset-'))
    writeFileSync(join(dir, 'picture.fountain'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]))
    writeFileSync(join(dir, 'stub.fountain'), 'INT. ROOM - DAY\n\nA chair.\n')
    const dataset = await prepareDataset(listScriptFiles([dir]), tokenizer)
    expect(dataset.scripts).toEqual([])
    expect(dataset.skipped.map((skip) => [skip.path.split('/').pop(), skip.reason])).toEqual([
      ['picture.fountain', expect.stringMatching(/binary/)],
      ['stub.fountain', expect.stringMatching(/only \d+ words/)]
    ])
  })
})
