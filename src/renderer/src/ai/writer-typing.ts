/// Tells the app when the writer changes the script by typing or deleting, so a running
/// generation waits for them (see src/shared/ai/writer-typing.ts): at most one message per
/// interval, fire and forget.
import type { Extension } from '@codemirror/state'
import { EditorView } from '@codemirror/view'
import { WRITER_TYPING_INTERVAL_MS } from '../../../shared/ai/writer-typing'

export function writerTypingNotifier(
  notify: () => void,
  intervalMs = WRITER_TYPING_INTERVAL_MS,
  now: () => number = () => performance.now()
): Extension {
  let last = -Infinity
  return EditorView.updateListener.of((update) => {
    if (!update.docChanged) return
    const typed = update.transactions.some(
      (transaction) => transaction.isUserEvent('input') || transaction.isUserEvent('delete')
    )
    if (!typed) return
    const at = now()
    if (at - last < intervalMs) return
    last = at
    notify()
  })
}
