/// While the writer types in the script, running generations wait (the inference host holds its
/// next forward pass: src/main/hosts/inference/writer-hold.ts). The editor says so at most once
/// per interval, and each message holds generation for the hold's time, so a steady typist is
/// covered between two messages.

/// The least time between two "the writer is typing" messages from the editor.
export const WRITER_TYPING_INTERVAL_MS = 100

/// How long after a message the next forward pass waits: longer than the interval plus the gap
/// between the keys of someone typing steadily (about 150 ms at 80 words a minute), short enough
/// that the text goes on soon after they stop.
export const WRITER_HOLD_MS = 300
