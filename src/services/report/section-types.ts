/**
 * What a section builder gets and gives: the frame with the section's rows
 * selected, and back its views (tables), charts, facts and notes. The
 * builders are keyed by section type (sections.ts), so a later section type
 * (benchmark, flags) is one more entry.
 */
import type {SpendFrame} from '../../model/frame.js'
import type {FrameColumn} from '../../model/record.js'
import type {Rows} from '../../analysis/kernel.js'
import type {FilterOptions} from '../../analysis/filter.js'
import type {MoneyNote} from '../../analysis/money-note.js'
import type {Chart} from '../../io/write/charts/chart.js'
import type {ChartContext} from '../../io/write/charts/context.js'
import type {View} from '../../io/write/view.js'
import type {ImportEntry} from '../../io/workspace/index.js'
import type {SectionConfig} from './config.js'
import type {FrameOverlays} from '../frame-load.js'

export interface SectionInput {
  frame: SpendFrame
  selection: Rows
  /** The filters as applied to this section (the report's, overridden by the section's; period as from/to days). */
  filters: FilterOptions
  chart: ChartContext
  money: MoneyNote
  fiscalYearStart: number
  categoryLabels?: ReadonlyMap<string, string>
  /** The imports the report is made from. */
  imports: readonly ImportEntry[]
  /** The workspace folder (absolute: for reading rejects) and as recorded (relative to the report folder). */
  workspaceDir: string
  workspaceShown: string
  /** The common definitions the frame was loaded with (the stored crosswalk and rules; none when absent). */
  overlays?: FrameOverlays
}

export interface SectionOutput {
  title: string
  intro?: string[]
  facts?: {label: string; value: string}[]
  views: View[]
  charts: Chart[]
  notes?: string[]
}

export interface SectionBuilder {
  /** The default title (a configured title wins). */
  title(cfg: SectionConfig): string
  /** The record columns it reads. */
  columns(cfg: SectionConfig): FrameColumn[]
  build(input: SectionInput, cfg: SectionConfig): Promise<SectionOutput>
}
