/// Train and validation loss as they come in: an inline SVG chart (no chart library needed).
export interface LossPoint {
  step: number
  loss: number
}

const WIDTH = 520
const HEIGHT = 180
const PADDING = 32

export function LossChart(props: {
  train: LossPoint[]
  validation: LossPoint[]
  maxSteps: number
}) {
  const all = [...props.train, ...props.validation]
  if (all.length === 0) {
    return <div className="loss-chart empty">The loss curve appears after the first step.</div>
  }
  const maxLoss = Math.max(...all.map((point) => point.loss))
  const minLoss = Math.min(...all.map((point) => point.loss))
  const span = Math.max(maxLoss - minLoss, 0.1)
  const x = (step: number) => PADDING + ((WIDTH - 2 * PADDING) * step) / Math.max(1, props.maxSteps)
  const y = (loss: number) => HEIGHT - PADDING - ((HEIGHT - 2 * PADDING) * (loss - minLoss)) / span
  const path = (points: LossPoint[]) =>
    points
      .map(
        (point, index) =>
          `${index === 0 ? 'M' : 'L'}${x(point.step).toFixed(1)},${y(point.loss).toFixed(1)}`
      )
      .join(' ')
  return (
    <svg
      className="loss-chart"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label="Loss per step"
      data-testid="loss-chart"
    >
      <line
        x1={PADDING}
        y1={HEIGHT - PADDING}
        x2={WIDTH - PADDING}
        y2={HEIGHT - PADDING}
        className="axis"
      />
      <line x1={PADDING} y1={PADDING} x2={PADDING} y2={HEIGHT - PADDING} className="axis" />
      <text x={4} y={PADDING} className="tick">
        {maxLoss.toFixed(2)}
      </text>
      <text x={4} y={HEIGHT - PADDING} className="tick">
        {minLoss.toFixed(2)}
      </text>
      <text x={WIDTH - PADDING} y={HEIGHT - 8} className="tick" textAnchor="end">
        step {props.maxSteps}
      </text>
      <path d={path(props.train)} className="train-line" data-testid="train-line" />
      {props.validation.length > 1 && (
        <path d={path(props.validation)} className="validation-line" />
      )}
      {props.validation.map((point) => (
        <circle
          key={point.step}
          cx={x(point.step)}
          cy={y(point.loss)}
          r={3}
          className="validation-point"
          data-step={point.step}
        >
          <title>{`step ${point.step}: ${point.loss.toFixed(3)} nats/token on held-out text`}</title>
        </circle>
      ))}
      <text x={WIDTH - PADDING} y={PADDING - 10} className="legend" textAnchor="end">
        — train · ● validation (nats/token)
      </text>
    </svg>
  )
}
