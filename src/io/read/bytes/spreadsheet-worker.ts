/**
 * The body of the spreadsheet worker, as plain JavaScript source.
 *
 * Why a string: the same Worker must start from compiled dist/ (.js) and under
 * vitest (.ts sources, which a bare Node 20 worker cannot load). An `eval`
 * worker runs this text as CommonJS in both, and takes the absolute path of
 * SheetJS from its parent, so nothing depends on where this file lives.
 *
 * In: workerData = {xlsxPath, bytes: ArrayBuffer, maxColumns}.
 * Out: one {type: 'sheet', name, rows: [{line, cells}]} per sheet with data,
 * then {type: 'done'}; or {type: 'error', message}.
 *
 * Cells become strings: numbers as String(n) (shortest round-trip decimal),
 * date-formatted numbers as ISO YYYY-MM-DD computed from the serial in UTC
 * (SheetJS's own date objects depend on the process time zone), booleans as
 * TRUE/FALSE, errors as their text (#N/A), empty as ''.
 */
export const WORKER_SOURCE = String.raw`
'use strict'
const {parentPort, workerData} = require('node:worker_threads')
const XLSX = require(workerData.xlsxPath)
const DAY = 86400000

function serialToIso(v, date1904) {
  // Round to the second first: a time of 23:59:59.9999 stored as a float is the next midnight.
  let days = Math.floor(Math.round(v * 86400) / 86400)
  let base
  if (date1904) base = Date.UTC(1904, 0, 1)
  else if (days >= 61) base = Date.UTC(1899, 11, 30)
  else if (days === 60) return '1900-02-29' // Lotus 1-2-3's leap-year bug, kept by Excel: no such day
  else base = Date.UTC(1899, 11, 31)
  if (days < 0 || days > 2958465) return String(v)
  return new Date(base + days * DAY).toISOString().slice(0, 10)
}

function cellText(c, date1904) {
  if (c == null) return ''
  switch (c.t) {
    case 'n':
      if (typeof c.v !== 'number' || !Number.isFinite(c.v)) return ''
      if (c.z && typeof c.z === 'string' && XLSX.SSF.is_date(c.z)) return serialToIso(c.v, date1904)
      return String(c.v)
    case 's':
    case 'str':
      return c.v == null ? '' : String(c.v)
    case 'b':
      return c.v ? 'TRUE' : 'FALSE'
    case 'd':
      return c.v instanceof Date && !isNaN(c.v) ? c.v.toISOString().slice(0, 10) : ''
    case 'e':
      return c.w ? String(c.w) : ''
    default:
      return c.v == null ? '' : String(c.v)
  }
}

function main() {
  let wb
  try {
    wb = XLSX.read(Buffer.from(workerData.bytes), {
      type: 'buffer', dense: true, cellNF: true, cellDates: false, cellFormula: false,
      cellHTML: false, cellStyles: false, sheetStubs: false, WTF: false,
    })
  } catch (e) {
    parentPort.postMessage({type: 'error', message: String((e && e.message) || e).split('\n')[0].slice(0, 200)})
    return
  }
  const date1904 = Boolean(wb.Workbook && wb.Workbook.WBProps && wb.Workbook.WBProps.date1904)
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]
    const data = ws && ws['!data']
    if (!Array.isArray(data)) continue
    // Size from the cells actually present, not from !ref: a sheet claiming A1:XFD1048576 must not loop 17e9 times.
    const texts = []
    let width = 0
    let lastRow = -1
    let firstRow = -1
    for (let r = 0; r < data.length; r++) {
      const row = data[r]
      if (!row) continue
      let rowWidth = 0
      const t = []
      for (let c = 0; c < row.length; c++) {
        const s = cellText(row[c], date1904)
        t[c] = s
        if (s !== '') rowWidth = c + 1
      }
      if (rowWidth === 0) continue
      if (rowWidth > workerData.maxColumns) {
        parentPort.postMessage({type: 'error', code: 'TOO_MANY_COLUMNS', message: 'more than ' + workerData.maxColumns + ' columns in sheet ' + name + ' row ' + (r + 1)})
        return
      }
      texts[r] = t
      if (firstRow < 0) firstRow = r
      lastRow = r
      if (rowWidth > width) width = rowWidth
    }
    if (lastRow < 0) continue
    const rows = []
    for (let r = firstRow; r <= lastRow; r++) {
      const t = texts[r] || []
      const cells = new Array(width)
      for (let c = 0; c < width; c++) cells[c] = t[c] === undefined ? '' : t[c]
      rows.push({line: r + 1, cells})
    }
    parentPort.postMessage({type: 'sheet', name, rows})
  }
  parentPort.postMessage({type: 'done'})
}

main()
`
