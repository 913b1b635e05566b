/**
 * index.html from a ReportDoc (a minimal writer: one self-contained page,
 * inline SVG, no script; values escaped).
 */
import {escapeHtml} from '../safe.js'
import {humanCell} from '../view.js'
import type {ReportDoc} from './doc.js'

const e = (s: string) => escapeHtml(s)

/** The page; `svgs` maps each ReportChart.svg path to the SVG text. */
export function reportHtml(doc: ReportDoc, svgs: Record<string, string>): string {
  const out: string[] = ['<!doctype html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${e(doc.title)}</title></head><body>`, `<h1>${e(doc.title)}</h1>`]
  for (const l of doc.subtitle) out.push(`<p>${e(l)}</p>`)
  for (const s of doc.sections) {
    out.push(`<section id="${e(s.id)}"><h2>${e(s.title)}</h2>`)
    if (s.facts?.length) out.push(`<dl>${s.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${e(f.value)}</dd>`).join('')}</dl>`)
    for (const c of s.charts) out.push(`<figure>${svgs[c.svg] ?? ''}</figure>`)
    for (const t of s.tables) {
      const head = t.view.columns.map((c) => `<th>${e(c.header)}</th>`).join('')
      const rows = t.view.rows.map((r) => `<tr>${t.view.columns.map((c) => `<td>${e(humanCell(r[c.key], c.kind))}</td>`).join('')}</tr>`).join('\n')
      out.push(`<table><caption>${e(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`)
    }
    for (const n of s.notes ?? []) out.push(`<p>${e(n)}</p>`)
    out.push('</section>')
  }
  for (const l of doc.footer ?? []) out.push(`<footer>${e(l)}</footer>`)
  out.push('</body></html>')
  return `${out.join('\n')}\n`
}
