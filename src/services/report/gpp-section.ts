/**
 * The report's `gpp` section: `spend classify gpp` (the same code) on the
 * report's frame with the section's filters and period: the per-buyer table
 * of spend in the EU green public procurement product groups, and stacked
 * bars of the groups per buyer.
 */
import {gppShares} from '../../analysis/gpp-shares.js'
import {gppMsg} from '../../messages.js'
import {classifyGppOutput, classifyGppViews} from '../../io/write/classify-gpp-report.js'
import {gppCharts} from '../../io/write/charts/gpp-chart.js'
import {GPP_COLUMNS} from '../classify-gpp.js'
import type {SectionBuilder} from './section-types.js'

export const gppSection: SectionBuilder = {
  title: () => gppMsg.sectionTitle(),
  columns: () => [...GPP_COLUMNS, 'date'],
  async build(input) {
    const rows = gppShares(input.frame, input.selection)
    const out = classifyGppOutput(rows, input.money)
    return {
      title: gppMsg.sectionTitle(), intro: [gppMsg.sectionIntro()],
      views: classifyGppViews(out, true, input.money), charts: gppCharts(rows, input.chart),
    }
  },
}
