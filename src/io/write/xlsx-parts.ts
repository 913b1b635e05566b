/**
 * The fixed parts of a minimal OOXML workbook (SpreadsheetML): content
 * types, relationships, the workbook and the styles. Nothing here depends on
 * the time or the machine: no docProps (creation dates), no user names.
 */

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships'
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

/**
 * Text for XML content and double-quoted attributes. Characters XML 1.0
 * cannot hold (controls but TAB and line ends) are written the OOXML way,
 * `_xHHHH_`, and a literal `_xHHHH_` keeps its underscore as `_x005F_`.
 * @example xmlText('a<b & "c"') // 'a&lt;b &amp; &quot;c&quot;'
 */
export function xmlText(value: string): string {
  return value
    .replace(/_(x[0-9A-Fa-f]{4}_)/g, '_x005F_$1')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`)
    .replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'))
}

export function contentTypesXml(sheets: number): string {
  const overrides = [
    `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>`,
    ...Array.from({length: sheets}, (_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`),
    `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>`,
  ]
  return `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${overrides.join('')}</Types>`
}

export function rootRelsXml(): string {
  return `${HEAD}<Relationships xmlns="${NS_PKG_REL}"><Relationship Id="rId1" Type="${NS_R}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
}

export function workbookXml(names: readonly string[]): string {
  const sheets = names.map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')
  return `${HEAD}<workbook xmlns="${NS}" xmlns:r="${NS_R}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheets}</sheets></workbook>`
}

export function workbookRelsXml(sheets: number): string {
  const rels = Array.from({length: sheets}, (_, i) => `<Relationship Id="rId${i + 1}" Type="${NS_R}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
  rels.push(`<Relationship Id="rId${sheets + 1}" Type="${NS_R}/styles" Target="styles.xml"/>`)
  return `${HEAD}<Relationships xmlns="${NS_PKG_REL}">${rels.join('')}</Relationships>`
}

/** Cell styles (indexes into cellXfs) every workbook has; money styles per currency follow them. */
export const STYLE = {text: 0, header: 1, int: 2, share: 3, number: 4, money: 5} as const
export const FIRST_MONEY_STYLE = 6
/** Built-in number formats: #,##0 and #,##0.00 and 0.00%. */
const FMT_INT = 3
const FMT_DECIMAL = 4
const FMT_PERCENT = 10
const FIRST_CUSTOM_FMT = 164

/**
 * The money number format of a currency: thousands separators, its minor
 * unit's decimals, and the code after the number.
 * @example moneyFormat('GBP', 2) // '#,##0.00 "GBP"'
 * @example moneyFormat('JPY', 0) // '#,##0 "JPY"'
 */
export function moneyFormat(code: string, exponent: number): string {
  return `#,##0${exponent > 0 ? `.${'0'.repeat(exponent)}` : ''} "${code}"`
}

/** styles.xml: a bold header, integers, percentages, plain decimals, and one money format per currency (in the order given). */
export function stylesXml(moneyFormats: readonly string[]): string {
  const numFmts = moneyFormats.map((f, i) => `<numFmt numFmtId="${FIRST_CUSTOM_FMT + i}" formatCode="${xmlText(f)}"/>`).join('')
  const xf = (fmt: number, font = 0) => `<xf numFmtId="${fmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${font ? ' applyFont="1"' : ''}/>`
  const xfs = [xf(0), xf(0, 1), xf(FMT_INT), xf(FMT_PERCENT), xf(FMT_DECIMAL), xf(FMT_DECIMAL), ...moneyFormats.map((_, i) => xf(FIRST_CUSTOM_FMT + i))]
  return [
    `${HEAD}<styleSheet xmlns="${NS}">`,
    moneyFormats.length ? `<numFmts count="${moneyFormats.length}">${numFmts}</numFmts>` : '',
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>',
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>',
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
    `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>`,
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
    '</styleSheet>',
  ].join('')
}

/** The sheet's XML around its rows: a frozen header row, column widths, the used range. */
export function worksheetXml(opts: {selected: boolean; ref: string; widths: readonly number[]; rows: string}): string {
  const cols = opts.widths.length
    ? `<cols>${opts.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`
    : ''
  return [
    `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${NS_R}">`,
    `<dimension ref="${opts.ref}"/>`,
    `<sheetViews><sheetView${opts.selected ? ' tabSelected="1"' : ''} workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>`,
    '<sheetFormatPr defaultRowHeight="15"/>',
    cols,
    `<sheetData>${opts.rows}</sheetData>`,
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
    '</worksheet>',
  ].join('')
}
