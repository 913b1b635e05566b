/**
 * The report's `flags` section: `spend flags` (the same code) on the
 * report's frame with the section's filters and period, configured inline
 * with the keys of `spend flags --config` (checks, thresholds, allow, each
 * check's parameters). It shows the first 50 flags in output order with the
 * count of the rest, the parameters and thresholds used, the notes, and the
 * charts of the checks' tests.
 */
import {flagsMsg} from '../../messages.js'
import {CHECKS} from '../../analysis/flags/registry.js'
import {CHECK_NAMES, type CheckName, type FlagsConfig} from '../../analysis/flags/types.js'
import {FLAGS_CONFIG_KEYS, parseFlagsConfig} from '../../io/read/flags-config.js'
import {filterFields} from '../../io/write/analysis-common.js'
import {flagsCharts} from '../../io/write/charts/flags-chart.js'
import {flagsOutput, flagsViews} from '../../io/write/flags-report.js'
import {flagsColumns, flagsForFrame} from '../flags.js'
import {workspacePicker} from '../text-pick.js'
import type {SectionConfig} from './config.js'
import type {SectionBuilder} from './section-types.js'

/** Flags the section lists (the rest are counted). */
export const SECTION_FLAGS = 50

const FLAGS_KEYS: readonly string[] = [...FLAGS_CONFIG_KEYS, ...CHECK_NAMES]

/**
 * The flags configuration of a section: its flags keys as written (checked
 * when the report config was read), read by the parser of --config files.
 * @example (await sectionFlagsConfig({type: 'flags', checks: ['weekend']})).checks // ['weekend']
 */
export async function sectionFlagsConfig(cfg: SectionConfig): Promise<FlagsConfig> {
  const own: Record<string, unknown> = {}
  for (const k of FLAGS_KEYS) if (cfg[k] !== undefined) own[k] = cfg[k]
  // JSON is YAML: the same parser, so the section and spend flags --config read the same keys the same way.
  return parseFlagsConfig(JSON.stringify(own), `the ${cfg.id ?? 'flags'} section`, CHECKS)
}

/** The checks a section names as written (a list, or names separated by commas); all when it names none. */
function writtenChecks(v: unknown): CheckName[] {
  if (v === undefined) return [...CHECK_NAMES]
  const names = (Array.isArray(v) ? v.map(String) : String(v).split(',')).map((s) => s.trim())
  return CHECK_NAMES.filter((c) => names.includes(c))
}

export const flagsSection: SectionBuilder = {
  title: () => flagsMsg.sectionTitle(),
  columns: (cfg) => [...flagsColumns(writtenChecks(cfg.checks)), 'date'],
  async build(input, cfg) {
    const config = await sectionFlagsConfig(cfg)
    const checks = config.checks ?? [...CHECK_NAMES]
    const fiscalYearStart = config.fiscal_year_start ?? input.fiscalYearStart
    const {frame} = input
    const pick = workspacePicker(frame, input.workspaceDir, () => [...input.imports])
    const run = await flagsForFrame({frame, selection: input.selection, pick, fiscalYearStart}, config, checks)
    const out = flagsOutput(run, frame, {checks, filters: filterFields(input.filters), config, thresholds: run.thresholds, fiscalYearStart})
    return {
      title: flagsMsg.sectionTitle(), intro: [flagsMsg.sectionIntro()],
      views: flagsViews(out, true, SECTION_FLAGS), charts: flagsCharts(run.tests, input.chart),
    }
  },
}
