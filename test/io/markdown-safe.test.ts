import {describe, expect, it} from 'vitest'
import {renderMarkdown} from '../../src/io/write/markdown.js'
import {escapeMarkdownCell, escapeMarkdownText} from '../../src/io/write/safe.js'

/**
 * What a GFM renderer shows for inline text (CommonMark 6.1 and 2.5, GFM
 * tables): a backslash before ASCII punctuation is dropped, the entities
 * this writer uses are decoded. Applied to escaped text, it must give the
 * name back exactly.
 */
function shown(md: string): string {
  return md.replace(/\\([!-/:-@[-`{-~])|&(amp|lt|gt);/g, (_, punct?: string, entity?: string) =>
    punct ?? ({amp: '&', lt: '<', gt: '>'} as Record<string, string>)[entity!])
}

/** Characters that would start markup if left bare: each must be escaped (odd run of backslashes before it). */
function bareSpecials(md: string): string[] {
  const out: string[] = []
  for (let i = 0; i < md.length; i++) {
    const ch = md[i]
    if (ch === '<' || ch === '>') out.push(ch)
    if ('|`*_[]#!~$'.includes(ch)) {
      let k = 0
      while (i - 1 - k >= 0 && md[i - 1 - k] === '\\') k++
      if (k % 2 === 0) out.push(ch)
    }
    if (ch === '\\') i++
  }
  return out
}

/** Split a GFM table row into cells: `|` delimits unless backslash-escaped (the table extension's rule). */
function cells(line: string): string[] {
  const parts: string[] = []
  let cur = ''
  for (let i = 1; i < line.length - 1; i++) {
    if (line[i] === '\\' && line[i + 1] === '|') {
      cur += '\\|'
      i++
    } else if (line[i] === '|') {
      parts.push(cur.trim())
      cur = ''
    } else cur += line[i]
  }
  parts.push(cur.trim())
  // The table extension then turns \| into | before inline parsing.
  return parts.map((p) => p.replaceAll('\\|', '|'))
}

const HOSTILE = [
  '<script>x</script>',
  '<img src=x onerror=alert(1)>',
  'A & B <Ltd>',
  'back\\slash',
  'pipe | inside',
  'trailing backslash \\',
  'escaped pipe \\| already',
  '`code` span',
  '*bold* and **strong**',
  '_under_score_',
  '[link](http://x)',
  '![image](http://x/y.png)',
  '# not a heading #',
  '~~struck~~',
  '&amp; entity',
  '&#60;numeric',
  'Cost $5 to $10 $$x$$',
]

describe('Markdown escaping (every --format md and report.md)', () => {
  it('escapes the entities and specials as documented', () => {
    expect(escapeMarkdownCell('<script>x</script>')).toBe('&lt;script&gt;x&lt;/script&gt;')
    expect(escapeMarkdownCell('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;')
    expect(escapeMarkdownCell('a|b\\c')).toBe('a\\|b\\\\c')
    expect(escapeMarkdownCell('`x` *y* _z_ [l] #h !i ~s')).toBe('\\`x\\` \\*y\\* \\_z\\_ \\[l\\] \\#h \\!i \\~s')
    expect(escapeMarkdownCell('a & b')).toBe('a &amp; b')
    expect(escapeMarkdownCell('$x$')).toBe('\\$x\\$')
    expect(escapeMarkdownCell('two\nlines\r\nand\rmore')).toBe('two lines and more')
    expect(escapeMarkdownCell('Acme Ltd. (2024), 1,234.56')).toBe('Acme Ltd. (2024), 1,234.56')
  })

  it('shows each hostile name exactly as written, with no bare markup character', () => {
    for (const name of HOSTILE) {
      const md = escapeMarkdownCell(name)
      expect(shown(md), name).toBe(name)
      expect(bareSpecials(md), name).toEqual([])
      expect(md).not.toMatch(/<[a-z/!]/i)
    }
  })

  it('keeps block starts from making lists, quotes or headings in paragraphs', () => {
    expect(escapeMarkdownText('- not a list')).toBe('\\- not a list')
    expect(escapeMarkdownText('+ not a list')).toBe('\\+ not a list')
    expect(escapeMarkdownText('1. not a list')).toBe('1\\. not a list')
    expect(escapeMarkdownText('2) not a list')).toBe('2\\) not a list')
    expect(escapeMarkdownText('=== not a rule')).toBe('\\=== not a rule')
    expect(escapeMarkdownText('> not a quote')).toBe('&gt; not a quote')
    for (const text of ['- a', '1. b', '=c', ...HOSTILE]) expect(shown(escapeMarkdownText(text))).toBe(text)
  })

  it('keeps every cell in its column and every title plain in a rendered table', () => {
    const md = renderMarkdown([{
      title: '# Top | *suppliers* <b>',
      columns: [{key: 'name', header: 'supplier|name'}, {key: 'amount', header: 'amount', kind: 'money'}],
      rows: HOSTILE.map((name, i) => ({name, amount: `${i}000.50`})),
    }])
    const lines = md.trimEnd().split('\n')
    expect(lines[0]).toBe('### \\# Top \\| \\*suppliers\\* &lt;b&gt;')
    expect(shown(lines[0].slice(4))).toBe('# Top | *suppliers* <b>')
    expect(cells(lines[2]).map(shown)).toEqual(['supplier|name', 'amount'])
    const body = lines.slice(4)
    expect(body).toHaveLength(HOSTILE.length)
    body.forEach((line, i) => {
      expect(cells(line).map(shown)).toEqual([HOSTILE[i], `${i},000.50`])
    })
    expect(md).not.toMatch(/<(script|img|b)\b/)
  })
})
