/// Runs the training graphs on onnxruntime: holds parameters and AdamW moments as onnxruntime
/// tensors between steps and feeds the tensors step k returned as the inputs of step k + 1, so
/// no weight is copied through a JS array while training.
import * as ort from 'onnxruntime-node'
import {
  buildGradientGraph,
  buildLossGraph,
  buildOptimizerGraph,
  buildTrainingStepGraph,
  optimizerInputs,
  optimizerNames,
  trainingNames,
  type BatchShape,
  type ModelGraphOptions
} from '../onnx/training-graph'
import {
  checkWeights,
  elementCount,
  parameterSpecs,
  type Gpt2Shape,
  type Gpt2Weights,
  type ParameterSpec
} from './gpt2-shapes'
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
} from './model-trainer'
import { createTrainingSession } from './session'

export interface TrainerOptions extends TrainerSetup {
  /// Micro-batches per optimizer step. 1 runs the fused step graph; more runs the gradient
  /// graph once per micro-batch (summing in the graph) and then the optimizer graph.
  accumulationSteps?: number
  sessionOptions?: ort.InferenceSession.SessionOptions
  /// Graph build options (rows of the vocab-sized logits per chunk).
  graph?: ModelGraphOptions
}

type Tensors = Map<string, ort.Tensor>

export class Trainer implements ModelTrainer {
  private lossSession: ort.InferenceSession | undefined
  private zeroGradients: Tensors | undefined

  private constructor(
    readonly config: Gpt2Shape,
    readonly batch: BatchShape,
    readonly adamW: AdamWSettings,
    readonly accumulationSteps: number,
    private readonly specs: ParameterSpec[],
    private readonly sessions: {
      step?: ort.InferenceSession
      gradient?: ort.InferenceSession
      optimizer?: ort.InferenceSession
    },
    private readonly sessionOptions: ort.InferenceSession.SessionOptions,
    private readonly graphOptions: ModelGraphOptions,
    private parameterTensors: Tensors,
    private firstMoments: Tensors,
    private secondMoments: Tensors,
    private stepCount: number
  ) {}

  /// Builds the graphs for `options.batch` and opens their sessions.
  static async create(options: TrainerOptions): Promise<Trainer> {
    const { config, batch } = options
    const accumulationSteps = options.accumulationSteps ?? 1
    checkAccumulationSteps(accumulationSteps)
    const specs = parameterSpecs(config)
    const initial = options.state?.parameters ?? options.weights
    if (!initial) throw new Error('Trainer: pass `weights` to start or `state` to resume')
    checkWeights(config, initial)
    const tensors = (weights: Gpt2Weights | undefined): Tensors =>
      new Map(
        specs.map((spec) => {
          const data = weights?.get(spec.name) ?? new Float32Array(elementCount(spec.shape))
          return [spec.name, new ort.Tensor('float32', data, [...spec.shape])]
        })
      )
    if (options.state) {
      checkWeights(config, options.state.firstMoments)
      checkWeights(config, options.state.secondMoments)
    }
    const sessionOptions = options.sessionOptions ?? {}
    const graphOptions = options.graph ?? {}
    const sessions =
      accumulationSteps === 1
        ? {
            step: await createTrainingSession(
              buildTrainingStepGraph(config, batch, graphOptions),
              sessionOptions
            )
          }
        : {
            gradient: await createTrainingSession(
              buildGradientGraph(config, batch, { ...graphOptions, accumulate: true }),
              sessionOptions
            ),
            optimizer: await createTrainingSession(buildOptimizerGraph(config), sessionOptions)
          }
    return new Trainer(
      config,
      batch,
      { ...DEFAULT_ADAMW, ...options.adamW },
      accumulationSteps,
      specs,
      sessions,
      sessionOptions,
      graphOptions,
      tensors(initial),
      tensors(options.state?.firstMoments),
      tensors(options.state?.secondMoments),
      options.state?.step ?? 0
    )
  }

  /// Optimizer steps taken so far.
  get step(): number {
    return this.stepCount
  }

  /// One optimizer step over `microBatches` (exactly `accumulationSteps` of them, each
  /// B·(T+1) token ids row-major) at the given learning rate.
  async trainStep(
    microBatches: readonly BigInt64Array[],
    learningRate: number
  ): Promise<StepResult> {
    checkMicroBatchCount(this.accumulationSteps, microBatches)
    const hyper = this.hyperparameterFeeds(learningRate)
    if (this.sessions.step) {
      const feeds = {
        ...this.stateFeeds(),
        ...hyper,
        [trainingNames.inputIds]: this.tokenTensor(microBatches[0])
      }
      const results = await this.sessions.step.run(feeds)
      this.adopt(results)
      return {
        loss: scalar(results[trainingNames.loss]),
        gradNorm: scalar(results[optimizerNames.gradNorm])
      }
    }
    // gradient accumulation: sum gradients in the gradient graph, then one optimizer run
    const gradientSession = this.sessions.gradient as ort.InferenceSession
    let sums = this.zeros()
    let lossSum = 0
    for (const tokens of microBatches) {
      const feeds: Record<string, ort.Tensor> = {
        [trainingNames.inputIds]: this.tokenTensor(tokens)
      }
      for (const [name, tensor] of this.parameterTensors) feeds[name] = tensor
      for (const [name, tensor] of sums) feeds[trainingNames.accumulatedGradient(name)] = tensor
      const results = await gradientSession.run(feeds)
      lossSum += scalar(results[trainingNames.loss])
      sums = new Map(
        this.specs.map((spec) => [spec.name, results[optimizerNames.gradient(spec.name)]])
      )
    }
    const feeds: Record<string, ort.Tensor> = { ...this.stateFeeds(), ...hyper }
    for (const [name, tensor] of sums) feeds[optimizerNames.gradient(name)] = tensor
    feeds[trainingNames.gradientScale] = scalarTensor(1 / this.accumulationSteps)
    const results = await (this.sessions.optimizer as ort.InferenceSession).run(feeds)
    this.adopt(results)
    return {
      loss: lossSum / this.accumulationSteps,
      gradNorm: scalar(results[optimizerNames.gradNorm])
    }
  }

  /// Mean loss of one batch with the current weights (no update). Same batch shape as training.
  async evaluate(tokens: BigInt64Array): Promise<number> {
    this.lossSession ??= await createTrainingSession(
      buildLossGraph(this.config, this.batch, this.graphOptions),
      this.sessionOptions
    )
    const feeds: Record<string, ort.Tensor> = { [trainingNames.inputIds]: this.tokenTensor(tokens) }
    for (const [name, tensor] of this.parameterTensors) feeds[name] = tensor
    const results = await this.lossSession.run(feeds)
    return scalar(results[trainingNames.loss])
  }

  /// The current weights: the tensors' own data (no copy), as for `state`.
  parameters(): Gpt2Weights {
    return this.state().parameters
  }

  /// The current state. The arrays are the tensors' own data (no copy): each step replaces the
  /// tensors instead of writing into them, so a returned state stays valid after later steps.
  state(): TrainerState {
    const data = (tensors: Tensors): Gpt2Weights =>
      new Map([...tensors].map(([name, tensor]) => [name, tensor.data as Float32Array]))
    return {
      step: this.stepCount,
      parameters: data(this.parameterTensors),
      firstMoments: data(this.firstMoments),
      secondMoments: data(this.secondMoments)
    }
  }

  async dispose(): Promise<void> {
    for (const session of [...Object.values(this.sessions), this.lossSession]) {
      await session?.release()
    }
  }

  private stateFeeds(): Record<string, ort.Tensor> {
    const feeds: Record<string, ort.Tensor> = {}
    for (const spec of this.specs) {
      feeds[spec.name] = this.parameterTensors.get(spec.name) as ort.Tensor
      feeds[optimizerNames.firstMoment(spec.name)] = this.firstMoments.get(spec.name) as ort.Tensor
      feeds[optimizerNames.secondMoment(spec.name)] = this.secondMoments.get(
        spec.name
      ) as ort.Tensor
    }
    return feeds
  }

  private hyperparameterFeeds(learningRate: number): Record<string, ort.Tensor> {
    const { beta1, beta2, epsilon, weightDecay, maxGradNorm, embeddingLearningRateScale } =
      this.adamW
    const step = this.stepCount + 1
    return {
      [optimizerInputs.learningRate]: scalarTensor(learningRate),
      [optimizerInputs.weightDecay]: scalarTensor(weightDecay),
      [optimizerInputs.beta1]: scalarTensor(beta1),
      [optimizerInputs.beta2]: scalarTensor(beta2),
      [optimizerInputs.epsilon]: scalarTensor(epsilon),
      [optimizerInputs.biasCorrection1]: scalarTensor(1 - beta1 ** step),
      [optimizerInputs.biasCorrection2]: scalarTensor(1 - beta2 ** step),
      [optimizerInputs.maxGradNorm]: scalarTensor(maxGradNorm),
      [optimizerInputs.embeddingLearningRateScale]: scalarTensor(embeddingLearningRateScale)
    }
  }

  /// Takes the updated tensors as the next step's inputs (no copy).
  private adopt(results: ort.InferenceSession.OnnxValueMapType): void {
    const take = (name: string): ort.Tensor => results[optimizerNames.updated(name)] as ort.Tensor
    for (const spec of this.specs) {
      this.parameterTensors.set(spec.name, take(spec.name))
      this.firstMoments.set(spec.name, take(optimizerNames.firstMoment(spec.name)))
      this.secondMoments.set(spec.name, take(optimizerNames.secondMoment(spec.name)))
    }
    this.stepCount++
  }

  private zeros(): Tensors {
    this.zeroGradients ??= new Map(
      this.specs.map((spec) => [
        spec.name,
        new ort.Tensor('float32', new Float32Array(elementCount(spec.shape)), [...spec.shape])
      ])
    )
    return this.zeroGradients
  }

  private tokenTensor(tokens: BigInt64Array): ort.Tensor {
    checkBatchSize(this.batch, tokens)
    const { batchSize: B, sequenceLength: T } = this.batch
    return new ort.Tensor('int64', tokens, [B, T + 1])
  }
}

function scalarTensor(value: number): ort.Tensor {
  return new ort.Tensor('float32', Float32Array.of(value), [])
}

function scalar(value: ort.OnnxValue | undefined): number {
  return (value as ort.Tensor).data[0] as number
}
