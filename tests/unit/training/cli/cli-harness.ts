/// Runs the real `script-buddy` CLI in-process and collects what it prints, for the CLI tests.
import { runCli } from '../../../../training/cli/run-cli'

export interface CliRun {
  code: number
  out: string
  error: string
}

export async function cli(...argv: string[]): Promise<CliRun> {
  let out = ''
  let error = ''
  const code = await runCli(argv, {
    out: (text) => (out += text),
    error: (text) => (error += text)
  })
  return { code, out, error }
}
