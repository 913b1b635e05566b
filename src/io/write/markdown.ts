import {escapeMarkdownCell} from './safe.js'
import {humanCell, isRightAligned, type View} from './view.js'

/** A GitHub-flavoured Markdown table per view, with an optional `###` title. */
export function renderMarkdown(views: View[]): string {
  return views
    .map((view) => {
      const head = `| ${view.columns.map((c) => escapeMarkdownCell(c.header)).join(' | ')} |`
      const rule = `| ${view.columns.map((c) => (isRightAligned(c.kind) ? '---:' : '---')).join(' | ')} |`
      const body = view.rows.map(
        (row) => `| ${view.columns.map((c) => escapeMarkdownCell(humanCell(row[c.key], c.kind))).join(' | ')} |`,
      )
      return [view.title ? `### ${escapeMarkdownCell(view.title)}\n` : '', head, rule, ...body].filter(Boolean).join('\n')
    })
    .join('\n\n') + '\n'
}
