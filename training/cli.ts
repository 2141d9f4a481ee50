/// Script Buddy's command line: `npx tsx training/cli.ts <command> …` (or `script-buddy …`
/// after `npm link`). See training/cli/run-cli.ts for the commands.
import { runCli } from './cli/run-cli'

process.exitCode = await runCli(process.argv.slice(2))
