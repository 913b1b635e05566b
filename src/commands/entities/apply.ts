import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {SpendInputError} from '../../errors.js'
import {waitFlag, workspaceFlag} from '../../flags.js'
import {entitiesMsg} from '../../messages.js'
import {applyCrosswalkFile, clearCrosswalk} from '../../services/entities.js'

export default class EntitiesApply extends SpendCommand {
  static override summary = 'Store a supplier-entity crosswalk in the workspace; every analysis then groups by entity.'
  static override description = 'Checks the file (one-line errors name file:line), then stores it in the workspace (atomic, locked, checksummed). auto and accept rows merge a name into its entity; review rows stay as published until accepted; reject keeps a name apart. Names a later import brings are matched against the stored crosswalk automatically. --clear removes it.'
  static override examples = ['<%= config.bin %> <%= command.id %> crosswalk.csv', '<%= config.bin %> <%= command.id %> --clear']
  static override args = {file: Args.string({description: 'The crosswalk CSV (as written by spend entities suggest, edited).'})}
  static override flags = {
    clear: Flags.boolean({description: 'Remove the stored crosswalk.', default: false}),
    workspace: workspaceFlag,
    wait: waitFlag,
  }

  async run(): Promise<object> {
    const {args, flags} = await this.parse(EntitiesApply)
    if (flags.clear && args.file) throw new SpendInputError('USAGE', entitiesMsg.fileAndClear(), {hint: entitiesMsg.usageHint(), exit: 2})
    if (flags.clear) {
      const removed = await clearCrosswalk(flags)
      this.note(removed ? entitiesMsg.cleared(removed.file) : entitiesMsg.nothingToClear())
      return {stored: null, removed: removed?.file ?? null}
    }
    if (!args.file) throw new SpendInputError('USAGE', entitiesMsg.noFile(), {hint: entitiesMsg.usageHint(), exit: 2})
    const {stored, counts, changes} = await applyCrosswalkFile(flags, args.file, this.config.version)
    this.note(entitiesMsg.stored(counts.variants, counts.entities, counts.merged, counts.review, counts.rejected))
    this.note(entitiesMsg.changes(changes.added, changes.changed, changes.removed))
    return {stored: {file: stored.file, sha256: stored.sha256, rows: stored.rows, source: stored.source}, counts, changes}
  }
}
