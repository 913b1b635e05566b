/**
 * Neutralise spreadsheet formula injection: a cell that starts with = + - @,
 * TAB or CR is prefixed with a single quote, unless it is a plain number
 * (so "-12.50" stays a number).
 * @example safeCell('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function safeCell(value: string): string {
  if (value === '') return value
  const c = value.charCodeAt(0)
  // = + - @ TAB CR
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) {
    if ((c === 45 || c === 43) && /^[+-]?\d+(\.\d+)?$/.test(value)) return value
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

/** Escape a Markdown table cell. */
export function escapeMarkdownCell(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n|\r/g, ' ')
}
