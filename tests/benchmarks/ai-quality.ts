/// Continuation quality of the embedded model through the AI pipeline (context builder → shared
/// generate() → output normaliser) on the 40 validation scripts. Run:
/// `npx tsx tests/benchmarks/ai-quality.ts [--count N] [--seed S] [--threads T]
///  [--max-prompt-chars C] [--index FILE | --index-out FILE] [--examples K]`
/// `[--scenes N] [--free]`: also N "Continue scene" requests at the end of speeches (default 60),
/// counting those that open a new scene (`--free`: without the app's steering).
/// `[--scene-texts N]`: also N whole "Continue scene" suggestions (default 20, about 2 s each),
/// scored as the element continuations are: elements shown as parsed, page furniture.
/// `[--name-seeds N]`: also the names after a cue pooled over the cue points of seeds 1…N (default
/// 20, about 10 s a seed): one seed's 65 or so names put a share near 95% within ±2.7% (one
/// standard error), too coarse to tell whether the bar is met.
/// `--index-out` builds the 12-gram copy index of the 329 training scripts, writes it, reports its
/// size and checks every suggestion against it; `--index` reads one built before.
import { statSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { corpusAvailable } from '../../training/data/corpus'
import { defaultModelFolder } from '../../training/cli/run-cli'
import { loadEngine } from '../../training/inference/engine'
import { loadPointScripts } from '../../training/eval/continuation-points'
import { measureContinuationQuality } from '../../training/eval/continuation-quality'
import { formatQualityTable } from '../../training/eval/quality-table'
import { measureSceneQuality } from '../../training/eval/scene-quality'
import { measureSceneStarts } from '../../training/eval/scene-starts'
import {
  buildTrainingNgramIndex,
  readNgramIndex,
  writeNgramIndex
} from '../../training/eval/ngram-index'
import type { NgramIndex } from '../../src/shared/ai/provenance'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    count: { type: 'string' },
    seed: { type: 'string' },
    threads: { type: 'string' },
    'max-prompt-chars': { type: 'string' },
    index: { type: 'string' },
    'index-out': { type: 'string' },
    examples: { type: 'string' },
    misses: { type: 'boolean' },
    scenes: { type: 'string' },
    'name-seeds': { type: 'string' },
    'scene-texts': { type: 'string' },
    free: { type: 'boolean' }
  }
})
const count = Number(values.count ?? positionals[0] ?? 200)
const seed = Number(values.seed ?? 1)
// The app's budget (use-ai-editor.ts); the window then decides what fits.
const maxPromptChars = Number(values['max-prompt-chars'] ?? 6000)
const examples = Number(values.examples ?? 0)

const folder = defaultModelFolder()
if (!folder || !corpusAvailable()) {
  console.error('Needs the embedded model and ../shared/data/screenplays; nothing to measure.')
  process.exit(1)
}

let index: NgramIndex | undefined
if (values['index-out']) {
  const started = performance.now()
  index = await buildTrainingNgramIndex({
    onProgress: (scripts) => scripts % 50 === 0 && console.error(`indexed ${scripts} scripts`)
  })
  writeNgramIndex(values['index-out'], index)
  const seconds = (performance.now() - started) / 1000
  const bytes = statSync(values['index-out']).size
  console.log(
    `12-gram index: ${index.texts} training scripts, ${index.keys.length.toLocaleString('en')} ` +
      `unique keys, ${(bytes / 2 ** 20).toFixed(1)} MiB on disk, built in ${seconds.toFixed(0)} s`
  )
} else if (values.index) {
  index = readNgramIndex(values.index)
}

const loadStarted = performance.now()
const scripts = await loadPointScripts()
const engine = await loadEngine(folder, {
  precision: 'int8',
  executionProviders: ['cpu'],
  ...(values.threads ? { threads: Number(values.threads) } : {})
})
if (!engine.ok) {
  console.error(engine.error.message)
  process.exit(1)
}
console.error(
  `${scripts.length} validation scripts and the model loaded in ` +
    `${((performance.now() - loadStarted) / 1000).toFixed(1)} s`
)
try {
  const report = await measureContinuationQuality({
    engine: engine.value,
    scripts,
    count,
    seed,
    maxPromptChars,
    ...(index ? { index } : {}),
    onSample: (_sample, done) => done % 20 === 0 && console.error(`${done}/${count}`)
  })
  console.log(formatQualityTable(report))
  for (const sample of report.samples.slice(0, examples)) {
    console.log(
      `\n--- ${sample.kind} (${sample.request.expect}) …${JSON.stringify(sample.request.prompt.slice(-80))}\n` +
        `raw: ${JSON.stringify(sample.raw)}\nout: ${JSON.stringify(sample.normalised.text)} ` +
        `dropped: ${JSON.stringify(sample.normalised.dropped)}`
    )
  }
  const scenes = Number(values.scenes ?? 60)
  if (scenes > 0) {
    const starts = await measureSceneStarts({
      engine: engine.value,
      scripts,
      count: scenes,
      seed,
      steer: !values.free
    })
    console.log(
      `"Continue scene" opening a new scene        ${starts.newScene} of ${starts.count}` +
        `${values.free ? ' (not steered)' : ''}   0\n` +
        `  with no text                               ${starts.empty}`
    )
  }
  if (values.misses) {
    for (const sample of report.samples) {
      if (!sample.name || sample.name.inCast || sample.name.raw === '') continue
      console.log(
        `miss: typed ${JSON.stringify(sample.request.linePrefix)} model ${sample.name.raw} → ` +
          `${sample.name.proposed}; request cast ${sample.request.cast.slice(0, 8).join(', ')}; ` +
          `scene cast ${sample.name.sceneCast.join(', ')}`
      )
    }
  }
  const sceneTexts = Number(values['scene-texts'] ?? 20)
  if (sceneTexts > 0) {
    const scenes = await measureSceneQuality({
      engine: engine.value,
      scripts,
      count: sceneTexts,
      seed
    })
    const { typeAgreement } = scenes
    console.log(
      `"Continue scene", ${scenes.count} whole suggestions ` +
        `(${scenes.elementsPerSuggestion.toFixed(1)} elements each, ` +
        `${scenes.tokensPerSecond.toFixed(0)} tokens/s)\n` +
        `  elements shown as parsed                    ` +
        `${(100 * typeAgreement.share).toFixed(1)}% (${typeAgreement.count}/${typeAgreement.total})` +
        `   ≥ 97%\n` +
        `  suggestions with furniture                  ${scenes.furnitureSuggestions}   0\n` +
        `  opening a new scene                         ${scenes.newScene}\n` +
        `  cues shown inside another element           ${scenes.cuesShownAsOther}   0` +
        `   (${scenes.atLineEnd} asked at the end of the speech's line)\n` +
        `  empty                                       ${scenes.emptySuggestions}`
    )
  }
  const nameSeeds = Number(values['name-seeds'] ?? 20)
  if (nameSeeds > 0) {
    let inCast = 0
    let named = 0
    for (let nameSeed = 1; nameSeed <= nameSeeds; nameSeed++) {
      const { castNames } = await measureContinuationQuality({
        engine: engine.value,
        scripts,
        count,
        seed: nameSeed,
        maxPromptChars,
        kinds: ['cue-line']
      })
      inCast += castNames.count
      named += castNames.total
    }
    console.log(
      `names in scene cast, cue points of seeds 1-${nameSeeds}  ` +
        `${((100 * inCast) / named).toFixed(1)}% (${inCast}/${named})   ≥ 95%`
    )
  }
} finally {
  await engine.value.release()
}
