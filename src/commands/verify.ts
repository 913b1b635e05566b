import {Args} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {dataFlags} from '../flags.js'
import {verifyLines, verifyReport, verifyViews, type VerifyJson} from '../services/report/verify.js'

export default class Verify extends SpendCommand {
  static override summary = 'Rebuild a report from the inputs its manifest pins and compare every file, byte for byte.'
  static override description = 'Reads DIR/manifest.json, checks each pinned import is still in the workspace with the same SHA-256, rebuilds the report into a temporary folder and compares each file: same, differs, missing (listed, not in DIR) or added (in DIR, not listed). manifest.json is compared apart from generated_at (--stamp). When a pinned import is missing or changed nothing is rebuilt: the files are checked against the manifest\'s hashes only. Exit 0 when everything is the same, 1 otherwise (under --json too).'
  static override examples = [
    '<%= config.bin %> <%= command.id %> report',
    '<%= config.bin %> <%= command.id %> report --workspace data/ws --json',
  ]
  static override args = {dir: Args.string({description: 'The report folder (spend report --out).', required: true})}
  static override flags = {...dataFlags}

  async run(): Promise<VerifyJson> {
    const {args, flags} = await this.parse(Verify)
    const progress = process.stderr.isTTY && !process.env.CI
    const result = await verifyReport({
      dir: args.dir, workspace: flags.workspace, shown: args.dir,
      onSection: progress ? (title) => this.note(`spend: rebuilding ${title}`) : undefined,
    })
    await this.emit(result, verifyViews(result), flags.format)
    for (const line of verifyLines(result)) this.note(line)
    if (!result.ok) process.exitCode = 1
    return result
  }
}
