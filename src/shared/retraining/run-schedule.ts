/// How often a retraining run looks at itself. The retrain panel offers these values and a run
/// falls back to them when a request leaves one out, so the two cannot drift apart.
export const RUN_SCHEDULE_DEFAULTS = {
  /// Steps between validation losses on the held-out scripts (every run also validates at its end).
  evaluationInterval: 25,
  /// Steps between checkpoints; a pause, quit or crash resumes from the last one.
  checkpointInterval: 25,
  /// Steps between samples, as the original trainer's "every 200 batches"; 0 = only the final one.
  sampleInterval: 200,
  /// Validations in a row without a better loss before the run stops; 0 = never stop early.
  earlyStoppingPatience: 4
} as const
