/**
 * The report's `flags` section: `spend flags` (the same code) on the
 * report's frame with the section's filters and period, configured inline
 * with the keys of `spend flags --config` (checks, thresholds, allow, each
 * check's parameters). It shows the first 50 flags in output order with the
 * count of the rest, the parameters and thresholds used, the notes, and the
 * charts of the checks' tests.
 */
import {flagsMsg} from '../../messages.js'
import type {DictColumn} from '../../model/frame.js'
import {CHECK_NAMES, type CheckName, type FlagsConfig} from '../../analysis/flags/types.js'
import {filterFields} from '../../io/write/analysis-common.js'
import {flagsCharts} from '../../io/write/charts/flags-chart.js'
import {flagsOutput, flagsViews} from '../../io/write/flags-report.js'
import type {ImportEntry} from '../../io/workspace/index.js'
import {pickColumn} from '../../io/workspace/pick.js'
import {flagsColumns, flagsForFrame} from '../flags.js'
import {loadedEntries} from '../rows.js'
import type {SectionConfig} from './config.js'
import type {SectionBuilder} from './section-types.js'

/** Flags the section lists (the rest are counted). */
export const SECTION_FLAGS = 50

const FLAGS_KEYS = ['checks', 'min_amount', 'fiscal_year_start', 'jurisdiction', 'thresholds', 'params', 'allow'] as const

/** The flags configuration a section holds (parsed by flagsConfigFrom into the section's keys). */
export function sectionFlagsConfig(cfg: SectionConfig): FlagsConfig {
  const out: Record<string, unknown> = {}
  for (const k of FLAGS_KEYS) if (cfg[k] !== undefined) out[k] = cfg[k]
  return out as FlagsConfig
}

export const flagsSection: SectionBuilder = {
  title: () => flagsMsg.sectionTitle(),
  columns: (cfg) => [...flagsColumns((cfg.checks as CheckName[] | undefined) ?? CHECK_NAMES), 'date'],
  async build(input, cfg) {
    const config = sectionFlagsConfig(cfg)
    const checks = config.checks ?? [...CHECK_NAMES]
    const fiscalYearStart = config.fiscal_year_start ?? input.fiscalYearStart
    const {frame} = input
    let entries: ImportEntry[] | null = null
    const pick = (column: 'transaction_id' | 'description', rows: ArrayLike<number>): DictColumn => {
      entries ??= loadedEntries(frame, [...input.imports])
      return pickColumn(input.workspaceDir, entries, column, rows, frame.length)
    }
    const run = await flagsForFrame({frame, selection: input.selection, pick, fiscalYearStart}, config, checks)
    const out = flagsOutput(run, frame, {checks, filters: filterFields(input.filters), config, thresholds: run.thresholds, fiscalYearStart})
    return {
      title: flagsMsg.sectionTitle(), intro: [flagsMsg.sectionIntro()],
      views: flagsViews(out, true, SECTION_FLAGS), charts: flagsCharts(run.tests, input.chart),
    }
  },
}
