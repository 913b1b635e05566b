/**
 * report.md from a ReportDoc (a minimal writer: facts, tables and chart
 * links per section; values escaped).
 */
import {renderMarkdown} from '../markdown.js'
import {escapeMarkdownCell} from '../safe.js'
import type {ReportDoc} from './doc.js'

const text = (s: string) => escapeMarkdownCell(s)

/** The Markdown text of a report (GitHub-flavoured; charts as relative links). */
export function reportMarkdown(doc: ReportDoc): string {
  const out: string[] = [`# ${text(doc.title)}`, '', ...doc.subtitle.map((l) => `${text(l)}  `), '']
  for (const s of doc.sections) {
    out.push(`## ${text(s.title)}`, '')
    for (const p of s.intro ?? []) out.push(text(p), '')
    for (const f of s.facts ?? []) out.push(`- ${text(f.label)}: ${text(f.value)}`)
    if (s.facts?.length) out.push('')
    for (const c of s.charts) out.push(`![${text(c.chart.title)}](${c.svg})`, '')
    for (const t of s.tables) out.push(renderMarkdown([{...t.view, title: t.title}]).trimEnd(), '')
    for (const n of s.notes ?? []) out.push(`> ${text(n)}`, '')
  }
  for (const l of doc.footer ?? []) out.push(text(l), '')
  return `${out.join('\n').trimEnd()}\n`
}
