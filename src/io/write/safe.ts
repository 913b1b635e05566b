/** A signed decimal number, exponent allowed (`-12.50`, `+3`, `-1e-11`): a spreadsheet reads it as a number, never a formula. */
const PLAIN_NUMBER = /^[+-](\d+(\.\d+)?|\.\d+)([eE][+-]?\d+)?$/

/**
 * Neutralise spreadsheet formula injection (OWASP's CSV injection advice): a
 * cell that starts with = + - @, TAB or CR is prefixed with a single quote,
 * unless it is a plain signed number (so "-12.50" and a share of "-1e-11"
 * stay numbers).
 * @example safeCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 * @example safeCell('-12.50') // '-12.50'
 */
export function safeCell(value: string): string {
  if (value === '') return value
  const c = value.charCodeAt(0)
  // = + - @ TAB CR
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) {
    if ((c === 45 || c === 43) && PLAIN_NUMBER.test(value)) return value
    return `'${value}`
  }
  return value
}

/** Quote a CSV/TSV field when needed (RFC 4180), after neutralising formulas. */
export function delimitedField(value: string, delimiter: string): string {
  const v = safeCell(value)
  if (v.includes('"') || v.includes(delimiter) || v.includes('\n') || v.includes('\r')) {
    return `"${v.replaceAll('"', '""')}"`
  }
  return v
}

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/**
 * Escape plain text for GitHub-flavoured Markdown inline content (a table
 * cell, a heading, a list item), so it shows exactly as written: `&`, `<` and
 * `>` become entities (no raw HTML, no autolink brackets), the characters that
 * start emphasis, code, links, images, strikethrough, headings, table cells
 * or GitHub's math (`$`) get a backslash (CommonMark lets any ASCII
 * punctuation be escaped so), and line breaks become spaces (a cell is one
 * line).
 * @example escapeMarkdownCell('<img src=x onerror=alert(1)>') // '&lt;img src=x onerror=alert(1)&gt;'
 * @example escapeMarkdownCell('a|b *c*') // 'a\\|b \\*c\\*'
 */
export function escapeMarkdownCell(value: string): string {
  return value.replace(MARKDOWN_SPECIAL, (ch) => MARKDOWN_ESCAPES[ch] ?? (ch === '\n' || ch === '\r' || ch === '\r\n' ? ' ' : `\\${ch}`))
}

/** Characters that change what Markdown inline text shows (and line breaks). */
const MARKDOWN_SPECIAL = /\r\n|[\r\n&<>\\|`*_[\]#!~$]/g
const MARKDOWN_ESCAPES: Record<string, string> = {'&': '&amp;', '<': '&lt;', '>': '&gt;'}

/**
 * Escape a paragraph or list item of plain text for Markdown: as a cell,
 * plus the line starts that would make a block (a list `- `, `+ `, `1. `, a
 * heading `#`, a quote `>`, a rule or setext underline `=`/`-`).
 * @example escapeMarkdownText('- not a list') // '\\- not a list'
 */
export function escapeMarkdownText(value: string): string {
  const text = escapeMarkdownCell(value)
  const m = /^(\s*)(\d+)([.)])/.exec(text)
  if (m) return `${m[1]}${m[2]}\\${m[3]}${text.slice(m[0].length)}`
  return text.replace(/^(\s*)([-+=])/, '$1\\$2')
}
