import {Flags} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {analysisFlags} from '../../flags.js'
import {rulesFlag} from '../../analysis-flags.js'
import {classifySuggest} from '../../services/classify.js'
import {suggestOutput, suggestViews, type SuggestOutput} from '../../io/write/classify-report.js'

export default class ClassifySuggest extends SpendCommand {
  static override summary = 'The unclassified expense types (or category texts and codes) by spend, largest first: where a rule helps most.'
  static override description = 'Per currency: each unclassified row\'s expense type, or, when it has none, its category code (with its scheme) or category text, with the spend, rows and buyers. Uses the stored rules, or --rules as a preview.'
  static override examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --top 50 --json']
  static override flags = {
    top: Flags.integer({description: 'How many per currency.', min: 1, default: 20, helpValue: 'N'}),
    rules: rulesFlag('Preview these rules (not stored): a rules CSV, or default; repeatable.'),
    ...analysisFlags,
  }

  async run(): Promise<SuggestOutput> {
    const {flags} = await this.parse(ClassifySuggest)
    const {input, rows, used} = await classifySuggest(flags, flags.rules, flags.top, this.config.version)
    for (const line of input.notes) this.note(line)
    this.note(used)
    const out = suggestOutput(rows)
    await this.emit(out, (human) => suggestViews(out, human), flags.format)
    return out
  }
}
