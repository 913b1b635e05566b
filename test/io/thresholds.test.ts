import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {isSpendInputError} from '../../src/errors.js'
import {parseMinor} from '../../src/model/money.js'
import {
  JURISDICTIONS, parseThresholds, THRESHOLDS_DIR, thresholdFromConfig, thresholdsFor,
} from '../../src/io/read/thresholds.js'

const HEAD = 'name,currency,amount,from,to,applies,source\n'

/** The error a call throws, as its one line. */
function errorOf(f: () => unknown): string {
  try {
    f()
  } catch (e) {
    if (isSpendInputError(e)) return e.oneLine()
    throw e
  }
  throw new Error('no error')
}

/** The threshold of a name in force at a date. */
const at = (ts: Awaited<ReturnType<typeof thresholdsFor>>, name: string, date: string) =>
  ts.filter((t) => t.name === name && (t.from === null || t.from <= date) && (t.to === null || t.to >= date))

describe('the shipped thresholds files', () => {
  it('parse, each line naming its source, with no overlapping periods', () => {
    for (const j of JURISDICTIONS) {
      const file = join(THRESHOLDS_DIR, `${j}.csv`)
      const ts = parseThresholds(readFileSync(file, 'utf8'), j, file)
      expect(ts.length).toBeGreaterThan(0)
      for (const t of ts) {
        expect(t.source.length).toBeGreaterThan(10)
        expect(t.jurisdiction).toBe(j)
      }
    }
  })

  it('give one UK threshold of each name in force on any date from 2024 (PCR 2015, then the Procurement Act 2023)', async () => {
    const uk = await thresholdsFor(['GBP'], {})
    for (const date of ['2024-06-01', '2025-02-23', '2025-02-24', '2026-03-01']) {
      for (const name of ['goods-services-central', 'goods-services-sub-central', 'works']) expect(at(uk, name, date)).toHaveLength(1)
    }
    const file = readFileSync(join(THRESHOLDS_DIR, 'uk.csv'), 'utf8')
    const line = file.split('\n').find((l) => l.startsWith('goods-services-sub-central,GBP,') && l.includes('2024-01-01'))
    expect(line).toBeDefined()
    const [t] = at(uk, 'goods-services-sub-central', '2024-06-01')
    expect(t.minor).toBe(Number(parseMinor(line?.split(',')[2] ?? '', 'GBP')))
    expect(t.source).toContain('PPN 11/23')
  })
})

describe('parseThresholds', () => {
  it('reads amounts in major units and open ends as null', () => {
    const [t] = parseThresholds(`${HEAD}tender,GBP,25000.00,2020-01-01,,all,Council contract procedure rules 2020\n`, 'x')
    expect(t).toEqual({jurisdiction: 'x', name: 'tender', currency: 'GBP', minor: 2_500_000, from: '2020-01-01', to: null, source: 'Council contract procedure rules 2020'})
  })

  it('names the file and line of a bad value, with the fix', () => {
    const bad = (line: string) => errorOf(() => parseThresholds(`${HEAD}${line}\n`, 'uk', 'uk.csv'))
    expect(bad('tender,GBP,25000.001,2020-01-01,,all,src')).toMatch(/^uk\.csv:2: "25000\.001" is not a positive amount in GBP \(/)
    expect(bad('tender,GBP,-5,2020-01-01,,all,src')).toMatch(/^uk\.csv:2: /)
    expect(bad('tender,GBP,5000,2020-02-30,,all,src')).toMatch(/^uk\.csv:2: from "2020-02-30" is not a date/)
    expect(bad('tender,GBP,5000,2021-01-01,2020-01-01,all,src')).toMatch(/^uk\.csv:2: from 2021-01-01 is after to 2020-01-01/)
    expect(bad('tender,GBP,5000,2020-01-01,,all,')).toMatch(/^uk\.csv:2: threshold tender names no source/)
    expect(bad('Tender Limit,GBP,5000,2020-01-01,,all,src')).toMatch(/^uk\.csv:2: threshold name/)
    expect(bad('tender,pounds,5000,2020-01-01,,all,src')).toMatch(/^uk\.csv:2: "pounds" is not a currency code/)
  })

  it('refuses overlapping periods of one threshold, naming both lines', () => {
    const text = `${HEAD}tender,GBP,5000,2020-01-01,2022-12-31,all,a\ntender,GBP,6000,2022-06-01,,all,b\n`
    expect(errorOf(() => parseThresholds(text, 'uk', 'uk.csv'))).toMatch(/^uk\.csv:3: threshold tender GBP overlaps the period of line 2/)
    expect(parseThresholds(`${HEAD}tender,GBP,5000,2020-01-01,2022-12-31,all,a\ntender,GBP,6000,2023-01-01,,all,b\n`, 'uk')).toHaveLength(2)
  })

  it('refuses an empty file and a missing column', () => {
    expect(errorOf(() => parseThresholds('', 'uk', 'uk.csv'))).toMatch(/^uk\.csv: the thresholds file is empty/)
    expect(errorOf(() => parseThresholds('name,currency,amount\n', 'uk', 'uk.csv'))).toMatch(/^uk\.csv: no from column/)
  })
})

describe('thresholdsFor', () => {
  it('reads each currency\'s default jurisdiction', async () => {
    const ts = await thresholdsFor(['USD', 'EUR', 'NOK'], {})
    expect(new Set(ts.map((t) => t.jurisdiction))).toEqual(new Set(['us', 'eu', 'no']))
    expect(ts.every((t) => ({us: 'USD', eu: 'EUR', no: 'NOK'})[t.jurisdiction] === t.currency)).toBe(true)
  })

  it('lets the config choose the jurisdiction and replace a threshold of the same name and currency', async () => {
    const quotation = thresholdFromConfig({name: 'quotation', currency: 'GBP', amount: '5000.00', from: '2020-01-01', source: 'Council CPR 2020'}, 'flags.yaml: thresholds[0]')
    const works = thresholdFromConfig({name: 'works', currency: 'GBP', amount: '4000000.00', source: 'Council CPR 2020'}, 'flags.yaml: thresholds[1]')
    const ts = await thresholdsFor(['GBP'], {thresholds: [quotation, works]})
    expect(ts.filter((t) => t.name === 'works')).toEqual([works])
    expect(ts).toContainEqual(quotation)
    expect(ts.some((t) => t.name === 'goods-services-central' && t.jurisdiction === 'uk')).toBe(true)
    expect(await thresholdsFor(['GBP'], {jurisdiction: {GBP: 'config'}, thresholds: [quotation]})).toEqual([quotation])
    expect(await thresholdsFor(['SEK'], {})).toEqual([])
  })

  it('refuses an unknown jurisdiction', async () => {
    await expect(thresholdsFor(['GBP'], {jurisdiction: {GBP: 'atlantis'}})).rejects.toThrow(/no thresholds file for jurisdiction "atlantis"/)
  })

  it('checks a config threshold, naming the entry', () => {
    expect(errorOf(() => thresholdFromConfig({name: 'quotation', currency: 'GBP'}, 'flags.yaml: thresholds[0]'))).toMatch(/^flags\.yaml: thresholds\[0\]: a threshold needs name, currency, amount and source/)
    expect(errorOf(() => thresholdFromConfig({name: 'q', currency: 'GBP', amount: '5,000', source: 's'}, 'c.yaml: thresholds[0]'))).toMatch(/is not a positive amount/)
    expect(thresholdFromConfig({name: 'q', currency: 'gbp', amount: 5000, from: new Date(Date.UTC(2020, 0, 1)), source: 's'}, 'c').from).toBe('2020-01-01')
  })
})
