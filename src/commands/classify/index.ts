import {SpendCommand} from '../../base-command.js'
import {analysisFlags} from '../../flags.js'
import {rulesFlag} from '../../analysis-flags.js'
import {classifyCoverage} from '../../services/classify.js'
import {classifyOutput, classifyViews, type ClassifyOutput} from '../../io/write/classify-report.js'

export default class Classify extends SpendCommand {
  static override summary = 'Classification coverage: share of rows and of spend with a CPV code, per buyer.'
  static override description = 'Uses the rules stored with `spend classify apply`; with --rules, previews those rules without storing them. Rows whose data brought a CPV code count as classified (classified_by data). Says on stderr which rules were used.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --rules default --json',
    '<%= config.bin %> <%= command.id %> --rules my-rules.csv --buyer Oxford',
  ]
  static override flags = {rules: rulesFlag('Preview these rules (not stored): a rules CSV, or default for the shipped rules; repeatable, tried in order.'), ...analysisFlags}

  async run(): Promise<ClassifyOutput> {
    const {flags} = await this.parse(Classify)
    const {input, coverage, used} = await classifyCoverage(flags, flags.rules, this.config.version)
    for (const line of input.notes) this.note(line)
    this.note(used)
    const c = input.overlays.classification
    const out = classifyOutput(coverage, c ? {entry: c.entry, rules: c.set.rules.length, stored: !flags.rules?.length} : null)
    await this.emit(out, (human) => classifyViews(out, human), flags.format)
    return out
  }
}
