/// Environment for a process that trains (Linux, glibc): without it, glibc serves every buffer
/// over 32 MB (each vocab-sized tensor and each output of wte or its moments) with a fresh mmap,
/// and the page faults of touching it cost more than the arithmetic (measured here: a 76 MB graph
/// output took 0.5–1 s per run instead of 0.04 s). Pass it to the training host's `fork` /
/// `utilityProcess.fork`; glibc reads it only at process start.
export const TRAINING_MALLOC_ENVIRONMENT: Readonly<Record<string, string>> = {
  // never mmap: big blocks come from the heap and are reused after free
  MALLOC_MMAP_MAX_: '0',
  // never give freed heap memory back to the kernel (it would fault in again next step)
  MALLOC_TRIM_THRESHOLD_: String(2 ** 36)
}
