/**
 * The currency of a table: decided from evidence that names it (a column, the
 * layout, a symbol or code in the amounts, header or title, a UK transparency
 * layout by its columns), with the evidence named; refused when there is none,
 * with a suggestion that follows the header's language; `--currency` wins.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {currencyNamedIn, decideCurrency, UK_STRONG, UK_WEAK, ukTransparencyColumns} from '../../src/io/read/table/currency.js'
import {headerLanguage} from '../../src/io/read/table/header-language.js'
import {normHeader} from '../../src/io/read/table/mapping.js'
import {presetByName} from '../../src/io/read/table/presets.js'
import {readTable} from '../../src/io/read/table/table.js'
import type {ImportOptions} from '../../src/io/read/types.js'
import {fixture} from '../helpers/cli.js'
import {CollectSink, csvRows, tableSourceFromText} from '../helpers/table-source.js'

async function read(name: string, opts: Partial<ImportOptions> = {}) {
  const text = readFileSync(fixture('currency', name), 'utf8')
  const sink = new CollectSink()
  const delimiter = text.split('\n').find((l) => l.includes(';')) ? ';' : ','
  const report = await readTable(tableSourceFromText(name, text, delimiter), {importId: 'i', label: name, ...opts}, sink)
  return {report, records: sink.records, text, delimiter}
}

/** The sum of a fixture's amount column in minor units, read from the text itself ("-310.50" -> -31050n). */
function columnMinor(text: string, delimiter: string, column: string, decimal: '.' | ','): bigint {
  const rows = csvRows(text, delimiter)
  const headerAt = rows.findIndex((r) => r.cells.includes(column))
  const at = rows[headerAt]!.cells.indexOf(column)
  return rows.slice(headerAt + 1).reduce((sum, r) => {
    const cell = (r.cells[at] ?? '').replace(/[^\d,.-]/g, '')
    const [whole, frac = ''] = decimal === ',' ? cell.replace(/\./g, '').split(',') : cell.replace(/,/g, '').split('.')
    return sum + BigInt(`${whole}${frac.padEnd(2, '0')}`)
  }, 0n)
}

const rows = (...cells: string[][]) => cells.map((c, i) => ({line: i + 2, cells: c}))

describe('a currency named by the evidence, and the evidence named', () => {
  it('(a) a UK over-£500 file with non-standard headers and no £ anywhere is GBP by its layout', async () => {
    const {report, records, text} = await read('uk-council-plain-headers.csv')
    expect(text).not.toMatch(/£|GBP|sterling/i)
    expect(report.preset).toBeNull()
    expect(report.currency_evidence).toMatchObject({code: 'GBP', from: 'layout', suggestion: null})
    expect(report.currency_evidence?.evidence).toMatch(/^the UK spending-transparency layout \(columns Service Division, Expense Type, .*\)/)
    expect(report.warnings).toContain(`currency GBP: from ${report.currency_evidence?.evidence}`)
    expect(records.every((r) => r.currency === 'GBP')).toBe(true)
    expect(report.totals).toEqual([{currency: 'GBP', source: columnMinor(text, ',', 'Net Amount', '.'), imported: columnMinor(text, ',', 'Net Amount', '.'), rejected: 0n}])
  })

  it('(b) Norwegian headers with no evidence are refused, and the error suggests --currency NOK, not GBP', async () => {
    const e = await read('no-headers-no-currency.csv').then(() => null, (x: unknown) => x)
    expect(e).toBeInstanceOf(SpendInputError)
    expect((e as SpendInputError).code).toBe('NO_CURRENCY')
    expect((e as SpendInputError).message).toMatch(/does not say its currency/)
    expect((e as SpendInputError).hint).toMatch(/^give --currency NOK if the amounts are in NOK; the header is Norwegian: Leverandør, .*Beløp/)
    expect((e as SpendInputError).oneLine()).not.toMatch(/GBP/)
    // Inspect plans it anyway: unknown (ISO 4217 "XXX"), with the flag to give; Norwegian conventions for the rest.
    const {report, text} = await read('no-headers-no-currency.csv', {allowUnknownCurrency: true})
    expect(report.currency_evidence).toMatchObject({code: null, from: 'unknown', suggestion: {code: 'NOK', flag: '--currency NOK'}})
    expect(report.totals).toEqual([{currency: 'XXX', source: columnMinor(text, ';', 'Beløp', ','), imported: columnMinor(text, ';', 'Beløp', ','), rejected: 0n}])
    expect(report.warnings[0]).toMatch(/^currency unknown: .*import refuses it without --currency NOK/)
    // With the flag it imports.
    const given = await read('no-headers-no-currency.csv', {currency: 'NOK'})
    expect(given.report.currency_evidence).toMatchObject({code: 'NOK', from: 'flag', evidence: '--currency'})
  })

  it('(c) a title line naming the currency decides it, and is quoted', async () => {
    const {report, records} = await read('title-names-currency.csv')
    expect(report.currency_evidence).toMatchObject({code: 'NOK', from: 'title'})
    expect(report.currency_evidence?.evidence).toBe('"NOK" in the title line "Betalinger til leverandører 2024 (beløp i NOK)"')
    expect(records.map((r) => r.currency)).toEqual(['NOK', 'NOK'])
  })

  it('(d) a currency code column, or a symbol in the amounts', async () => {
    const col = await read('currency-code-column.csv')
    expect(col.report.currency_evidence).toMatchObject({from: 'column', evidence: 'the "Currency" column'})
    expect(col.report.totals.map((t) => t.currency)).toEqual(['EUR', 'SEK'])
    const sym = await read('symbol-in-amounts.csv')
    expect(sym.report.currency_evidence).toEqual({code: 'EUR', from: 'symbols', evidence: '"€" in the amounts', suggestion: null})
    expect(sym.report.warnings).toContain('currency EUR: from "€" in the amounts')
  })

  it('--currency always wins, and says what it overrode', async () => {
    const uk = await read('uk-council-plain-headers.csv', {currency: 'eur'})
    expect(uk.report.currency_evidence).toMatchObject({code: 'EUR', from: 'flag'})
    expect(uk.records.every((r) => r.currency === 'EUR')).toBe(true)
    expect(uk.report.warnings.some((w) => w.startsWith('--currency EUR used, not GBP from the UK spending-transparency layout'))).toBe(true)
    const title = await read('title-names-currency.csv', {currency: 'SEK'})
    expect(title.report.totals.map((t) => t.currency)).toEqual(['SEK'])
  })
})

describe('decideCurrency: what counts as evidence', () => {
  const decide = (header: string[], sample = rows(['A', '1']), extra: {titles?: string[]; flag?: string; preset?: string} = {}) =>
    decideCurrency({
      header, mapping: {index: {amount: header.length - 1}, how: {}}, preset: extra.preset ? presetByName(extra.preset) : null,
      titles: extra.titles ?? [], sample, where: 'x.csv', flag: extra.flag,
    })
  const refusal = (header: string[]) => {
    try {
      decide(header)
    } catch (e) {
      return e as SpendInputError
    }
    throw new Error('expected NO_CURRENCY')
  }

  it('a header cell, a title, ISO codes before symbols, the layout of a preset', () => {
    expect(decide(['Supplier', 'Amount (GBP)'])).toMatchObject({code: 'GBP', from: 'header', evidence: 'the header "Amount (GBP)"'})
    expect(decide(['Supplier', 'Amount'], rows(['A', '1']), {titles: ['Payments over $500 (CAD)']})).toMatchObject({code: 'CAD', from: 'title'})
    expect(decide(['Supplier', 'Amount'], rows(['A', '1']), {preset: 'no-ledger'})).toMatchObject({code: 'NOK', from: 'preset', evidence: 'the no-ledger layout'})
    expect(decide(['Leverantör', 'Belopp'], rows(['A', '1 200 kr']))).toMatchObject({code: 'SEK', from: 'symbols', evidence: '"kr" in the amounts'})
  })

  it('the header language alone never decides: each language gets its own suggestion', () => {
    const cases: [string[], string | null][] = [
      [['Leverandør', 'Dato', 'Beløp'], 'NOK'],
      [['Leverantör', 'Datum', 'Belopp'], 'SEK'],
      [['Kreditor', 'Bogføringsdato', 'Beløb'], 'DKK'],
      [['Lieferant', 'Rechnungsdatum', 'Betrag'], 'EUR'],
      [['Fournisseur', 'Date', 'Montant'], 'EUR'],
      [['Proveedor', 'Fecha', 'Importe'], 'EUR'],
      [['Supplier', 'Cost Centre', 'Directorate', 'Amount'], 'GBP'],
      [['Vendor', 'Fund', 'Check Date', 'Amount'], 'USD'],
      [['Supplier', 'Date', 'Amount'], null],
    ]
    for (const [header, code] of cases) {
      const e = refusal(header)
      expect([header, e.code]).toEqual([header, 'NO_CURRENCY'])
      if (code) expect([header, e.hint]).toEqual([header, expect.stringMatching(new RegExp(`^give --currency ${code} if the amounts are in ${code}; the header is `))])
      else expect(e.hint).toMatch(/^give --currency with the ISO 4217 code of the amounts, e.g. GBP, USD or EUR; nothing in the header/)
    }
  })

  it('an empty file has no currency and needs none', () => {
    expect(decide(['Supplier', 'Amount'], [])).toMatchObject({code: 'XXX', from: 'none'})
  })
})

describe('the UK spending-transparency layout by its columns', () => {
  it('needs a name only those publications use, and enough of their names', () => {
    expect(ukTransparencyColumns(['Service Area', 'Supplier Name', 'Transaction Number', 'Amount'])).toEqual(['Service Area', 'Supplier Name', 'Transaction Number'])
    expect(ukTransparencyColumns(['Expense Area', 'Expense Type', 'Payee', 'Value'])).toEqual(['Expense Area', 'Expense Type'])
    expect(ukTransparencyColumns(['Supplier Name', 'Date Paid', 'Transaction Number', 'Amount'])).toBeNull()
    expect(ukTransparencyColumns(['Department', 'Vendor', 'Expense Type', 'Amount'])).toBeNull()
  })

  it('knows every distinctive signature name of the uk-25k and uk-lga presets', () => {
    const generic = new Set(['date', 'paymentdate', 'supplier', 'amount', 'department', 'amountinsterling', 'incvat', 'purpose'])
    for (const name of ['uk-25k', 'uk-lga']) {
      for (const n of presetByName(name).signature.flat()) {
        if (!generic.has(n)) expect([name, n, UK_STRONG.has(n) || UK_WEAK.has(n)]).toEqual([name, n, true])
      }
    }
    for (const n of [...UK_STRONG, ...UK_WEAK]) expect(normHeader(n)).toBe(n)
  })
})

describe('helpers', () => {
  it('currencyNamedIn reads codes, symbols and words; kr follows the language', () => {
    expect(currencyNamedIn('Report of payments over £ 500.00', null)).toEqual({code: 'GBP', token: '£'})
    expect(currencyNamedIn('Amount in Sterling', null)).toEqual({code: 'GBP', token: 'Sterling'})
    expect(currencyNamedIn('EURO 12', null)).toEqual({code: 'EUR', token: 'EURO'})
    expect(currencyNamedIn('kr 1.234,50', null)).toMatchObject({code: 'NOK'})
    expect(currencyNamedIn('kr 1.234,50', 'da')).toMatchObject({code: 'DKK'})
    expect(currencyNamedIn('Kreditor', null)).toBeNull()
    expect(currencyNamedIn('EURIBOR rate', null)).toBeNull()
  })

  it('headerLanguage counts known words, other languages before English loanwords', () => {
    expect(headerLanguage(['Leverandør', 'Beløp', 'Org.nr', 'Sum'])).toMatchObject({lang: 'no', cells: ['Leverandør', 'Beløp', 'Org.nr', 'Sum']})
    expect(headerLanguage(['Leverandør', 'Beløb', 'Tekst'])).toMatchObject({lang: 'da', alike: []})
    expect(headerLanguage(['ID', 'Name'])?.lang).toBe('en')
    expect(headerLanguage(['Organisation', 'Vendor'])?.lang).toBe('en')
    expect(headerLanguage(['xyz', '123'])).toBeNull()
  })
})
