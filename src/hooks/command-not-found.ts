import type {Hook} from '@oclif/core'
import {oneLine} from '../errors.js'
import {commandNotFoundLine} from '../usage.js'

/**
 * `spend imprt`, `spend imports rmove`, `spend --json summary`: a usage error
 * in one line with the nearest command ("did you mean import?"), exit 2, the
 * JSON error shape under --json. It only suggests: the guess is never run
 * (@oclif/plugin-not-found 3.x runs it on a terminal; 4.x needs Node 22).
 * Registered in package.json `oclif.hooks`.
 */
const hook: Hook<'command_not_found'> = async function ({id, argv, config}) {
  const commands = config.commands.filter((c) => !c.hidden).map((c) => ({
    id: c.id.replaceAll(':', ' '),
    flags: Object.entries(c.flags ?? {}).map(([name, f]) => ({name, char: f.char})),
  }))
  const topics = config.topics.filter((t) => !t.hidden).map((t) => t.name.replaceAll(':', ' '))
  const line = oneLine(commandNotFoundLine(id, argv ?? [], {commands, topics}))
  if ([id, ...(argv ?? [])].includes('--json')) {
    process.stdout.write(`${JSON.stringify({error: {code: 'USAGE', message: line, exit: 2}}, null, 2)}\n`)
  } else {
    process.stderr.write(`spend: error: ${line}\n`)
  }
  this.exit(2)
}

export default hook
