/**
 * A report as the writers see it: sections of facts, tables and charts,
 * already computed. The HTML page (index.html), the Markdown file
 * (report.md), the tables' CSV files and the XLSX workbook are all written
 * from one ReportDoc, so they say the same thing. Text here is plain text:
 * each writer escapes it for its own format.
 */
import type {Chart} from '../charts/chart.js'
import type {View} from '../view.js'

export interface ReportDoc {
  title: string
  /** Lines under the title: the workspace, the period, the filters. */
  subtitle: string[]
  sections: ReportSection[]
  /** Closing lines (how to rebuild and verify the report). */
  footer?: string[]
}

export interface ReportSection {
  /** Stable slug, unique in the report: the anchor and the prefix of its files. */
  id: string
  title: string
  /** Paragraphs of plain text. */
  intro?: string[]
  /** Key figures shown as a small definition list (label, value as shown). */
  facts?: {label: string; value: string}[]
  tables: ReportTable[]
  charts: ReportChart[]
  /** Caveats shown after the tables (what was left out and why). */
  notes?: string[]
}

export interface ReportTable {
  /** File stem, unique in the report: tables/<name>.csv and the XLSX sheet. */
  name: string
  title: string
  /** The human view (labels, kinds); CSV and XLSX take the raw values of its rows. */
  view: View
}

export interface ReportChart {
  chart: Chart
  /** Paths relative to the report folder: charts/<name>.svg and charts/<name>.png. */
  svg: string
  png: string
}
