import {SpendCommand} from '../base-command.js'
import {dataFlags} from '../flags.js'
import {resolveWorkspace, Workspace} from '../io/workspace/index.js'
import {checkWorkspace} from '../io/workspace/verify.js'
import {checkJson, checkNote, checkViews, type CheckJson} from '../io/write/check-report.js'
import {msg} from '../messages.js'

export default class Check extends SpendCommand {
  static override summary = 'Verify the workspace: every part, rejects file and dictionary join against the manifest and the control totals.'
  static override description = `Each import is ok, damaged (which file, what is wrong, and the command that re-imports it) or unverifiable (written by an older spend without checksums: only row counts and control totals can be checked; re-import to add checksums). Exit 1 when an import is damaged.`
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --workspace data/ws --json',
  ]
  static override flags = {...dataFlags}

  async run(): Promise<CheckJson> {
    const {flags} = await this.parse(Check)
    const ws = await Workspace.open(resolveWorkspace(flags.workspace))
    const imports = await ws.list()
    if (imports.length === 0) this.note(msg.noImports(ws.label()))
    const result = checkJson(await checkWorkspace(ws.dir, imports), ws.dir, flags.workspace ? ws.label() : undefined)
    await this.emit(result, checkViews(result), flags.format)
    if (imports.length > 0) this.note(checkNote(result))
    if (!result.ok) process.exitCode = 1
    return result
  }
}
