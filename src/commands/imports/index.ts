import {SpendCommand} from '../../base-command.js'
import {dataFlags} from '../../flags.js'
import {resolveWorkspace, Workspace} from '../../io/workspace/index.js'
import {importsJson, importsViews, type ImportsJson} from '../../io/write/imports-report.js'

export default class Imports extends SpendCommand {
  static override summary = 'List the imports in the workspace.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --json']
  static override flags = {...dataFlags}

  async run(): Promise<ImportsJson> {
    const {flags} = await this.parse(Imports)
    const ws = await Workspace.open(resolveWorkspace(flags.workspace))
    const entries = await ws.list()
    const result = importsJson(entries)
    await this.emit(result, importsViews(entries, {workspace: ws.dir, cwd: process.cwd()}), flags.format)
    return result
  }
}
