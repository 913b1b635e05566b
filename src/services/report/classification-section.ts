/**
 * The report's `classification` section: what `spend classify` and `spend
 * classify suggest` say (the same code) on the report's frame with the
 * section's filters and period: the rules set the workspace applies,
 * coverage per buyer and currency (rows and spend classified), and the
 * largest unclassified expense types, where a rule would help most.
 */
import {coverage} from '../../analysis/classify/coverage.js'
import {suggestRules} from '../../analysis/classify/suggest.js'
import {reportClassifyMsg} from '../../messages.js'
import type {DictColumn} from '../../model/frame.js'
import {classifyOutput, classifyViews, suggestOutput, suggestViews} from '../../io/write/classify-report.js'
import {Workspace} from '../../io/workspace/index.js'
import {COVERAGE_COLUMNS, SUGGEST_COLUMNS} from '../classify.js'
import {loadWorkspaceFrame, NO_OVERLAYS, type FrameOverlays} from '../frame-load.js'
import type {SectionBuilder, SectionInput} from './section-types.js'

/** Unclassified texts listed per currency (as `spend classify suggest --top 10`). */
export const CLASSIFICATION_TOP = 10

/**
 * The rules line of the section: source, sha256 prefix and number of rules, or none stored.
 * @example rulesFact(NO_OVERLAYS) // {label: 'Classification rules', value: 'none stored (...)'}
 */
export function rulesFact(overlays: FrameOverlays): {label: string; value: string} {
  const c = overlays.classification
  const value = c ? reportClassifyMsg.rulesStored(c.entry.source, c.entry.sha256.slice(0, 12), c.set.rules.length) : reportClassifyMsg.rulesNone()
  return {label: reportClassifyMsg.rulesLabel(), value}
}

/**
 * The published columns of the report's imports (the rules overwrite a row's
 * category), row for row beside the report's frame, for the unclassified texts.
 */
async function publishedFrame(input: SectionInput) {
  const ws = await Workspace.open(input.workspaceDir)
  const {frame} = await loadWorkspaceFrame(ws, SUGGEST_COLUMNS, {imports: input.imports.map((e) => e.id), overlays: false})
  if (frame.length !== input.frame.length) throw new Error(reportClassifyMsg.misaligned())
  return frame
}

export const classificationSection: SectionBuilder = {
  title: () => reportClassifyMsg.sectionTitle(),
  columns: () => [...COVERAGE_COLUMNS, 'date'],
  async build(input) {
    const overlays = input.overlays ?? NO_OVERLAYS
    const c = overlays.classification
    const cov = classifyOutput(coverage(input.frame, input.selection), c ? {entry: c.entry, rules: c.set.rules.length, stored: true} : null)
    const classified = input.frame.columns.classified_by as DictColumn
    const rows = suggestRules(await publishedFrame(input), classified, input.selection, CLASSIFICATION_TOP)
    const suggest = suggestViews(suggestOutput(rows), true).map((v) => ({...v, title: reportClassifyMsg.suggestTitle(CLASSIFICATION_TOP)}))
    return {
      title: reportClassifyMsg.sectionTitle(), intro: [reportClassifyMsg.sectionIntro()], facts: [rulesFact(overlays)],
      views: [...classifyViews(cov, true), ...suggest], charts: [],
    }
  },
}
