import {describe, expect, it} from 'vitest'
import {renderDelimited} from '../../src/io/write/delimited.js'
import {safeCell} from '../../src/io/write/safe.js'

const text = (v: string | Uint8Array) => (typeof v === 'string' ? v : new TextDecoder().decode(v))

describe('CSV/TSV formula neutralisation', () => {
  it('prefixes a quote to every formula lead: = + - @ TAB CR', () => {
    for (const lead of ['=', '+', '-', '@', '\t', '\r']) expect(safeCell(`${lead}cmd|' /C calc'!A0`)).toBe(`'${lead}cmd|' /C calc'!A0`)
    expect(safeCell('-2+3')).toBe("'-2+3")
    expect(safeCell('+44 20 7946 0000')).toBe("'+44 20 7946 0000")
    expect(safeCell('=')).toBe("'=")
  })

  it('leaves plain numbers as numbers, exponents included', () => {
    for (const n of ['-12.50', '+3', '-7', '-0.5', '-1e-11', '-1.5E+20', '-.5']) expect(safeCell(n)).toBe(n)
    for (const s of ['12', 'Plain Ltd', '', "'quoted"]) expect(safeCell(s)).toBe(s)
  })

  it('writes neutralised, quoted cells in CSV and TSV and numbers as they are', () => {
    const view = {
      columns: [{key: 'name', header: 'name'}, {key: 'amount', header: 'amount', kind: 'money' as const}, {key: 'share', header: 'share', kind: 'share' as const}],
      rows: [
        {name: '=HYPERLINK("http://x")', amount: '-12.50', share: -1e-11},
        {name: '\tTab', amount: '5.00', share: 0.5},
        {name: '\rCR', amount: '-0.01', share: -0.25},
        {name: '@SUM(A1)', amount: '1.00', share: null},
      ],
    }
    expect(text(renderDelimited(view, ',')).split('\n')).toEqual([
      'name,amount,share',
      `"'=HYPERLINK(""http://x"")",-12.50,-1e-11`,
      `'\tTab,5.00,0.5`,
      `"'\rCR",-0.01,-0.25`,
      "'@SUM(A1),1.00,",
      '',
    ])
    expect(text(renderDelimited(view, '\t')).split('\n')).toEqual([
      'name\tamount\tshare',
      `"'=HYPERLINK(""http://x"")"\t-12.50\t-1e-11`,
      `"'\tTab"\t5.00\t0.5`,
      `"'\rCR"\t-0.01\t-0.25`,
      "'@SUM(A1)\t1.00\t",
      '',
    ])
  })
})
