import {Flags} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {dataFlags} from '../../flags.js'
import {entitiesMsg} from '../../messages.js'
import {statsJson, statsNote, statsViews} from '../../io/write/entities-report.js'
import {crosswalkStats} from '../../services/entities-stats.js'

export default class EntitiesStats extends SpendCommand {
  static override summary = 'Show what the stored crosswalk does: supplier names before and after, the largest merges, the spend that changed entity.'
  static override description = 'Names are distinct supplier keys (redacted and blank not counted). Amounts are exact, per currency, never added across currencies.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --top 20 --json']
  static override flags = {
    top: Flags.integer({description: 'How many merges to list, largest (most rows) first.', min: 1, default: 10, helpValue: 'N'}),
    ...dataFlags,
  }

  async run(): Promise<ReturnType<typeof statsJson>> {
    const {flags} = await this.parse(EntitiesStats)
    const {stats, stored} = await crosswalkStats(flags, flags.top)
    if (!stored) this.note(entitiesMsg.noneStored())
    const out = statsJson(stats, stored)
    // CSV and TSV carry one table: the merges, one row per entity and currency (the counts go to stderr).
    await this.emit(out, (human) => (human ? statsViews(out) : statsViews(out).slice(1, 2)), flags.format, () => statsNote(out))
    return out
  }
}
