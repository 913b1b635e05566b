/**
 * The crosswalk CSV: the writer and parseCrosswalk round-trip any text
 * (formula-like cells, quotes, commas, line breaks), and every way a person
 * can break the file is a one-line error naming file:line.
 */
import {describe, expect, it} from 'vitest'
import {parseCrosswalk, unquoteFormula} from '../../src/io/read/crosswalk.js'
import {crosswalkCell, crosswalkCsv, crosswalkOrder} from '../../src/io/write/crosswalk-csv.js'
import {SpendInputError} from '../../src/errors.js'
import type {CrosswalkRow} from '../../src/model/crosswalk.js'

const HEAD = 'variant,entity_key,entity_name,score,evidence,decision'

const row = (over: Partial<CrosswalkRow>): CrosswalkRow => ({variant: 'ACME Ltd', entity_key: 'acme', entity_name: 'ACME', score: 1, evidence: 'key', decision: 'auto', supplier_id: null, ...over})

/** The error parseCrosswalk throws on `text`. */
function failure(text: string): SpendInputError {
  try {
    parseCrosswalk(text, 'cw.csv')
  } catch (error) {
    expect(error).toBeInstanceOf(SpendInputError)
    return error as SpendInputError
  }
  throw new Error('expected an error')
}

describe('round trip', () => {
  const tricky: CrosswalkRow[] = [
    row({variant: '=HYPERLINK("http://x","y")', entity_key: '=cmd|x', entity_name: '+SUM(A1)', evidence: '@evil'}),
    row({variant: '-Minus Ltd', entity_key: 'minus', entity_name: "'=already quoted"}),
    row({variant: 'Quote "Q" Ltd, and sons', entity_key: 'q', entity_name: 'Two\nlines', evidence: 'similar 0.93 to "Q Ltd"', score: 0.93, decision: 'review'}),
    row({variant: "O'Brien & Co", entity_key: 'obrien', entity_name: "O'Brien", score: null, evidence: '', decision: 'accept', supplier_id: 'GB-COH-01234567'}),
    row({variant: 'Carriage\rReturn', entity_key: '', entity_name: '', decision: 'reject', score: 0}),
  ]

  it('parses what the writer wrote back to the same rows (formula cells, quotes, newlines in names)', () => {
    const text = crosswalkCsv(tricky)
    const back = parseCrosswalk(text, 'cw.csv')
    // Variants have their whitespace collapsed (a CR inside one becomes a space): that is the contract.
    expect(back).toEqual(tricky.map((r) => ({...r, variant: r.variant.replace(/\s+/g, ' ')})))
    // And writing the parsed rows gives the same bytes once variants are collapsed.
    expect(crosswalkCsv(back)).toBe(crosswalkCsv(parseCrosswalk(crosswalkCsv(back), 'x')))
  })

  it('no cell written starts with a formula character, and each reads back as it was', () => {
    for (const value of ['=1+1', '+1', '-1', '@x', '\tx', '\rx', "'=x", "''+x"]) {
      expect(crosswalkCell(value).replace(/^"/, '')[0], value).toBe("'")
      const back = parseCrosswalk(crosswalkCsv([row({evidence: value})]), 'cw.csv')[0]
      expect(back?.evidence, value).toBe(value.trim())
      expect(unquoteFormula(`'${value}`), value).toBe(value)
    }
  })

  it('line numbers count the line breaks inside quoted cells', () => {
    const text = `${HEAD}\n"A\nB",a,A,1,key,auto\n"C\r\nD",c,C,1,key,auto\nE,e,E,2,key,auto\n`
    expect(failure(text).where).toBe('cw.csv:6')
  })

  it('reads more columns after the six, supplier_id among them, a BOM, CRLF and case-insensitive decisions', () => {
    const text = `\uFEFF${HEAD},note,supplier_id\r\nACME Ltd,acme,ACME,,key, Accept ,hello,GB-COH-1\r\n\r\n  ACME   Ltd ,acme,ACME,0.5,key,AUTO,,\r\n`
    expect(parseCrosswalk(text, 'cw.csv')).toEqual([
      row({decision: 'accept', score: null, supplier_id: 'GB-COH-1'}),
      row({decision: 'auto', score: 0.5}),
    ])
  })

  it('crosswalkOrder sorts by entity key, variant, then id', () => {
    const rows = [row({entity_key: 'b'}), row({entity_key: 'a', variant: 'Z'}), row({entity_key: 'a', variant: 'Y', supplier_id: 'X'}), row({entity_key: 'a', variant: 'Y'})]
    expect(rows.sort(crosswalkOrder).map((r) => [r.entity_key, r.variant, r.supplier_id])).toEqual([['a', 'Y', null], ['a', 'Y', 'X'], ['a', 'Z', null], ['b', 'ACME Ltd', null]])
  })
})

describe('errors name file:line, say what is wrong and how to fix it', () => {
  const cases: [string, string, string, RegExp][] = [
    ['empty', '', 'cw.csv', /empty/],
    ['wrong header', 'name,entity_key,entity_name,score,evidence,decision\n', 'cw.csv:1', /header must start with/],
    ['short header', 'variant,entity_key,entity_name\n', 'cw.csv:1', /header must start with/],
    ['bad decision', `${HEAD}\nACME,acme,ACME,1,key,maybe\n`, 'cw.csv:2', /decision "maybe"/],
    ['score above 1', `${HEAD}\nACME,acme,ACME,1.5,key,auto\n`, 'cw.csv:2', /score "1.5"/],
    ['score not a number', `${HEAD}\nACME,acme,ACME,high,key,auto\n`, 'cw.csv:2', /score "high"/],
    ['negative score', `${HEAD}\nACME,acme,ACME,-0.1,key,auto\n`, 'cw.csv:2', /score "-0.1"/],
    ['auto without key', `${HEAD}\nACME,,ACME,1,key,auto\n`, 'cw.csv:2', /decision auto has no entity_key/],
    ['accept without key', `${HEAD}\nACME, ,ACME,1,key,accept\n`, 'cw.csv:2', /decision accept has no entity_key/],
    ['blank variant', `${HEAD}\n ,acme,ACME,1,key,auto\n`, 'cw.csv:2', /variant is blank/],
    ['repeat', `${HEAD}\nACME,acme,ACME,1,key,auto\nB,b,B,1,key,auto\nACME,acme,ACME,1,key,review\n`, 'cw.csv:4', /already listed on line 2/],
    ['repeat with id', `${HEAD},supplier_id\nACME,acme,ACME,1,key,auto,X\nACME,acme,ACME,1,key,auto,X\n`, 'cw.csv:3', /with id X is already listed on line 2/],
    ['two entities', `${HEAD}\nACME,acme,ACME,1,key,auto\nAcme,other,Other,1,key,accept\n`, 'cw.csv:3', /merged into "other" here and into "acme" on line 2/],
    ['unclosed quote', `${HEAD}\n"ACME,acme,ACME,1,key,auto\n`, 'cw.csv:2', /never closed/],
  ]
  it.each(cases)('%s', (_, text, where, what) => {
    const e = failure(text)
    expect(e.where).toBe(where)
    expect(e.message).toMatch(what)
    expect(e.hint).toBeTruthy()
    expect(e.oneLine()).not.toContain('\n')
  })

  it('one name with two ids may go to two entities, and review/reject rows need no key', () => {
    const text = `${HEAD},supplier_id\nACME,acme-1,ACME 1,1,id,auto,X\nACME,acme-2,ACME 2,1,id,auto,Y\nB,,,0.5,similar,review,\nC,,,,,reject,\n`
    expect(parseCrosswalk(text, 'cw.csv').map((r) => r.entity_key)).toEqual(['acme-1', 'acme-2', '', ''])
  })
})
