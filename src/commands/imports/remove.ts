import {Args} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {waitFlag, workspaceFlag} from '../../flags.js'
import {msg} from '../../messages.js'
import {resolveWorkspace, Workspace} from '../../io/workspace/index.js'

export default class ImportsRemove extends SpendCommand {
  static override summary = 'Remove an import from the workspace.'
  static override examples = ['<%= config.bin %> <%= command.id %> 3f2a9c']
  static override args = {id: Args.string({description: 'Import id or a unique prefix of it.', required: true})}
  static override flags = {workspace: workspaceFlag, wait: waitFlag}

  async run(): Promise<{removed: {id: string; file: string}}> {
    const {args, flags} = await this.parse(ImportsRemove)
    const ws = new Workspace(resolveWorkspace(flags.workspace), {seconds: flags.wait, onWait: (line) => this.note(line)})
    const entry = await ws.remove(args.id)
    this.note(msg.removed(entry.id, entry.file))
    return {removed: {id: entry.id, file: entry.file}}
  }
}
