/// The TensorFlow.js training backend: GPT-2 (gpt2-loss.ts) differentiated by TensorFlow.js and
/// updated with the same clipping and AdamW as the ONNX optimizer graph (training-optimizer.ts),
/// so `TfjsTrainer` and `Trainer` take the same steps from the same state. Weights and moments
/// stay on the backend's device as tf.Variables between steps; every intermediate is freed in
/// tf.tidy; a step reads back two numbers (loss and gradient norm), and the weights leave the
/// device only when asked for (checkpoints, samples, the end of a run).
import type { BatchShape } from '../../onnx/training-graph'
import {
  checkWeights,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights,
  type ParameterSpec
} from '../gpt2-shapes'
import {
  checkAccumulationSteps,
  checkBatchSize,
  checkMicroBatchCount,
  DEFAULT_ADAMW,
  type AdamWSettings,
  type ModelTrainer,
  type StepResult,
  type TrainerSetup,
  type TrainerState
} from '../model-trainer'
import { gpt2Loss, gpt2Parameters, tokenIds, type Gpt2LossOptions } from './gpt2-loss'
import type { Scalar, Tensor, Tfjs, Variable } from './tfjs-api'
import { TOKEN_EMBEDDING } from '../../onnx/training-optimizer'

export interface TfjsTrainerOptions extends TrainerSetup {
  /// The TensorFlow.js to train on (`@tensorflow/tfjs-node-gpu`, or `@tensorflow/tfjs`), with
  /// its backend already chosen.
  tf: Tfjs
  /// See Gpt2LossOptions (needed on the WASM backend only).
  oneHotEmbedding?: boolean
}

export class TfjsTrainer implements ModelTrainer {
  private constructor(
    readonly config: Gpt2Shape,
    readonly batch: BatchShape,
    readonly adamW: AdamWSettings,
    readonly accumulationSteps: number,
    private readonly tf: Tfjs,
    private readonly specs: ParameterSpec[],
    private readonly lossOptions: Gpt2LossOptions,
    // in parameterSpecs order
    private readonly weights: Variable[],
    private readonly firstMoments: Variable[],
    private readonly secondMoments: Variable[],
    private stepCount: number
  ) {}

  /// Uploads the starting weights (or a saved state) into variables on `options.tf`'s backend.
  static async create(options: TfjsTrainerOptions): Promise<TfjsTrainer> {
    const { config, tf } = options
    const accumulationSteps = options.accumulationSteps ?? 1
    checkAccumulationSteps(accumulationSteps)
    const initial = options.state?.parameters ?? options.weights
    if (!initial) throw new Error('TfjsTrainer: pass `weights` to start or `state` to resume')
    checkWeights(config, initial)
    if (options.state) {
      checkWeights(config, options.state.firstMoments)
      checkWeights(config, options.state.secondMoments)
    }
    await tf.ready()
    const specs = parameterSpecs(config)
    // Unnamed variables: tfjs names must be unique per process, and tests open several trainers.
    const variables = (weights: Gpt2Weights | undefined): Variable[] =>
      weights
        ? gpt2Parameters(tf, config, weights).map((tensor) => {
            const variable = tf.variable(tensor, true)
            tensor.dispose()
            return variable
          })
        : specs.map((spec) => tf.variable(tf.zeros([...spec.shape]), true))
    return new TfjsTrainer(
      config,
      options.batch,
      { ...DEFAULT_ADAMW, ...options.adamW },
      accumulationSteps,
      tf,
      specs,
      { oneHotEmbedding: options.oneHotEmbedding ?? false },
      variables(initial),
      variables(options.state?.firstMoments),
      variables(options.state?.secondMoments),
      options.state?.step ?? 0
    )
  }

  get step(): number {
    return this.stepCount
  }

  async trainStep(
    microBatches: readonly BigInt64Array[],
    learningRate: number
  ): Promise<StepResult> {
    checkMicroBatchCount(this.accumulationSteps, microBatches)
    for (const tokens of microBatches) checkBatchSize(this.batch, tokens)
    const tf = this.tf
    // 1. loss and gradients of each micro-batch, summed on the device
    let lossSum: Scalar | undefined
    let gradientSums: Tensor[] = []
    for (const tokens of microBatches) {
      const { value, grads } = tf.tidy(() => {
        const ids = tokenIds(tf, tokens, this.batch.batchSize)
        return tf.valueAndGrads((...parameters: Tensor[]) =>
          gpt2Loss(tf, this.config, ids, parameters, this.lossOptions)
        )(this.weights)
      })
      if (!lossSum) {
        lossSum = value
        gradientSums = grads
        continue
      }
      const previous = { loss: lossSum, gradients: gradientSums }
      const summed = tf.tidy(() => ({
        loss: tf.add(previous.loss, value) as Scalar,
        gradients: previous.gradients.map((sum, i) => tf.add(sum, grads[i]))
      }))
      tf.dispose([previous.loss, ...previous.gradients, value, ...grads])
      lossSum = summed.loss
      gradientSums = summed.gradients
    }
    // 2. clip and AdamW into the variables; one tensor of [mean loss, gradient norm] comes back
    const sums = gradientSums
    const total = lossSum as Scalar
    const result = tf.tidy(() => {
      const gradNorm = this.applyAdamW(sums, learningRate)
      return tf.stack([tf.div(total, this.accumulationSteps), gradNorm])
    })
    tf.dispose([total, ...sums])
    this.stepCount++
    const [loss, gradNorm] = await result.data()
    result.dispose()
    return { loss, gradNorm }
  }

  async evaluate(tokens: BigInt64Array): Promise<number> {
    checkBatchSize(this.batch, tokens)
    const tf = this.tf
    const loss = tf.tidy(() =>
      gpt2Loss(
        tf,
        this.config,
        tokenIds(tf, tokens, this.batch.batchSize),
        this.weights,
        this.lossOptions
      )
    )
    const [value] = await loss.data()
    loss.dispose()
    return value
  }

  /// The weights, read back from the device.
  parameters(): Gpt2Weights {
    return this.readBack(this.weights)
  }

  /// Weights, moments and step, read back from the device: the same TrainerState the ONNX
  /// Trainer gives, so either backend resumes the other's checkpoints.
  state(): TrainerState {
    return {
      step: this.stepCount,
      parameters: this.readBack(this.weights),
      firstMoments: this.readBack(this.firstMoments),
      secondMoments: this.readBack(this.secondMoments)
    }
  }

  async dispose(): Promise<void> {
    this.tf.dispose([...this.weights, ...this.firstMoments, ...this.secondMoments])
  }

  /// Clips by global norm and applies one AdamW step to every variable (call inside tf.tidy);
  /// returns the norm before clipping. The same formulas, in the same order, as
  /// buildClipAndAdamW in training-optimizer.ts:
  ///   k = min(1, max_norm / (‖g/A‖ + 1e-6)) / A           (A = micro-batches, g their sum)
  ///   m ← β1·m + (1−β1)·k·g;  v ← β2·v + (1−β2)·(k·g)²
  ///   p ← p·(1 − lr·wd) − lr/bc1 · m / (√(v/bc2) + ε)      (the decay term only where spec.decay)
  private applyAdamW(gradients: readonly Tensor[], learningRate: number): Scalar {
    const tf = this.tf
    const { beta1, beta2, epsilon, weightDecay, maxGradNorm, embeddingLearningRateScale } =
      this.adamW
    const scale = 1 / this.accumulationSteps
    // 1. global norm over all gradients (of the mean), and the clip coefficient
    const squares = gradients.map((gradient) => tf.sum(tf.square(gradient)))
    const norm = tf.mul(tf.sqrt(tf.addN(squares)), scale) as Scalar
    const ratio = tf.div(maxGradNorm, tf.add(norm, 1e-6))
    const coefficient = tf.mul(tf.minimum(ratio, 1), scale)
    // 2. per-step scalars: the moments' gradient factors, the step size, the decay
    const step = this.stepCount + 1
    const biasCorrection1 = 1 - beta1 ** step
    const rootCorrection2 = Math.sqrt(1 - beta2 ** step)
    const firstFactor = tf.mul(1 - beta1, coefficient)
    const secondFactor = tf.mul(1 - beta2, tf.square(coefficient))
    // m/(√(v/bc2) + ε) = m/(√v + ε·√bc2) · √bc2, as in the ONNX graph
    const stepSize = (learningRate * rootCorrection2) / biasCorrection1
    const decayFactor = 1 - learningRate * weightDecay
    // 3. AdamW, parameter by parameter (the tied token embedding at its own rate)
    this.specs.forEach((spec, i) => {
      const rate = spec.name === TOKEN_EMBEDDING ? embeddingLearningRateScale : 1
      const gradient = gradients[i]
      const first = tf.add(tf.mul(this.firstMoments[i], beta1), tf.mul(gradient, firstFactor))
      const second = tf.add(
        tf.mul(this.secondMoments[i], beta2),
        tf.mul(tf.mul(gradient, gradient), secondFactor)
      )
      const update = tf.mul(
        tf.div(first, tf.add(tf.sqrt(second), epsilon * rootCorrection2)),
        stepSize * rate
      )
      const weight = this.weights[i]
      const decayed = spec.decay ? tf.mul(weight, 1 - (1 - decayFactor) * rate) : weight
      this.firstMoments[i].assign(first)
      this.secondMoments[i].assign(second)
      weight.assign(tf.sub(decayed, update))
    })
    return norm
  }

  // On the CPU backend dataSync hands out the backend's own buffer; TensorFlow.js never writes
  // into a tensor's buffer (an assign swaps in a new one), so the arrays stay valid, as the ONNX
  // Trainer's do.
  private readBack(variables: readonly Variable[]): Gpt2Weights {
    return new Map(
      this.specs.map((spec, i) => [spec.name, variables[i].dataSync() as Float32Array])
    )
  }
}
