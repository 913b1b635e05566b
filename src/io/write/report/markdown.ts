/**
 * report.md of a report: GitHub-flavoured Markdown with the same sections
 * as index.html: headings, facts as a list, tables, and the charts as
 * relative links to their SVG files. Every value from the data is escaped,
 * so it shows exactly as written and never as HTML.
 */
import {renderMarkdown} from '../markdown.js'
import {escapeMarkdownCell, escapeMarkdownText} from '../safe.js'
import type {ReportChart, ReportDoc, ReportSection} from './doc.js'

/**
 * The Markdown text of a report (LF line ends, one final line end).
 * @example reportMarkdown({title: 'Spend', subtitle: [], sections: []}) // '# Spend\n'
 */
export function reportMarkdown(doc: ReportDoc): string {
  const blocks = [`# ${escapeMarkdownCell(doc.title)}`, ...doc.subtitle.map(escapeMarkdownText)]
  for (const s of doc.sections) blocks.push(...sectionBlocks(s))
  if (doc.footer?.length) blocks.push('---', ...doc.footer.map(escapeMarkdownText))
  return blocks.join('\n\n') + '\n'
}

function sectionBlocks(s: ReportSection): string[] {
  const blocks = [`## ${escapeMarkdownCell(s.title)}`, ...(s.intro ?? []).map(escapeMarkdownText)]
  if (s.facts?.length) blocks.push(s.facts.map((f) => `- **${escapeMarkdownCell(f.label)}:** ${escapeMarkdownCell(f.value)}`).join('\n'))
  for (const c of s.charts) blocks.push(chartLink(c))
  for (const t of s.tables) blocks.push(renderMarkdown([{...t.view, title: t.title}]).trimEnd())
  if (s.notes?.length) blocks.push(s.notes.map((n) => `- ${escapeMarkdownText(n)}`).join('\n'))
  return blocks
}

/** `![title](charts/name.svg)`: the path percent-encoded past the characters a slug uses. */
function chartLink(c: ReportChart): string {
  const path = c.svg.split('/').map((part) => encodeURIComponent(part).replace(/[()!'*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)).join('/')
  return `![${escapeMarkdownCell(c.chart.title)}](${path})`
}
