import {SpendCommand} from '../../base-command.js'
import {analysisFlags} from '../../flags.js'
import {chartFlag} from '../../analysis-flags.js'
import {classifyGpp, writeGppChart} from '../../services/classify-gpp.js'
import {classifyGppViews, type ClassifyGppOutput} from '../../io/write/classify-gpp-report.js'

export default class ClassifyGpp extends SpendCommand {
  static override summary = 'Spend in EU green public procurement (GPP) product groups, per buyer.'
  static override description = 'Per buyer and currency: all spend, the classified spend (rows with a CPV code, as published or from the workspace\'s classification rules), the spend whose CPV code is in a product group with EU GPP criteria (data/gpp-groups.csv: a code belongs to the group of its longest listed prefix), its share of all and of the classified spend, and the groups, largest first. --chart draws stacked bars of the groups per buyer. Every analysis also groups by the tag set with --by gpp_group.'
  static override examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --from 2024 --json',
    '<%= config.bin %> <%= command.id %> --buyer "Oxford City Council" --chart gpp.svg',
  ]
  static override flags = {...analysisFlags, chart: chartFlag}

  async run(): Promise<ClassifyGppOutput> {
    const {flags} = await this.parse(ClassifyGpp)
    const run = await classifyGpp(flags, {chart: Boolean(flags.chart)})
    for (const line of run.input.notes) this.note(line)
    if (flags.chart) await writeGppChart(flags.chart, run)
    await this.emit(run.out, (human) => classifyGppViews(run.out, human, run.input.money), flags.format)
    return run.out
  }
}
