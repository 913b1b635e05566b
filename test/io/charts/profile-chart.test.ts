import {describe, expect, it} from 'vitest'
import {profile} from '../../../src/analysis/profile.js'
import type {ChartContext} from '../../../src/io/write/charts/context.js'
import {profileCharts} from '../../../src/io/write/charts/profile-chart.js'
import {frameOf} from '../../helpers/analysis-records.js'
import {compileWarnings, rounded} from './vl-check.js'

const ctx: ChartContext = {filters: '--buyer Oxford', period: ['2023-02-01', '2024-05-01']}
const rows = () => frameOf(
  {supplier: 'ACME', date: '2023-02-01', amount: 150000},
  {supplier: 'ACME', date: '2024-03-31', amount: 99999},
  {supplier: 'ACME', date: '2024-04-01', amount: 25050},
  {supplier: 'ACME', date: null, amount: 700},
  {supplier: 'ACME', date: '2024-05-01', amount: 4000, currency: 'EUR'},
  {supplier: 'Other Co', date: '2024-01-01', amount: 500},
)

describe('profileCharts', () => {
  it('draws spend by year per currency on a money axis from zero, undated spend stated, not drawn', () => {
    const charts = profileCharts(profile(rows(), {kind: 'supplier', query: 'acme'}), ctx)
    expect(charts.map((c) => c.name)).toEqual(['profile-supplier-acme-eur', 'profile-supplier-acme-gbp'])
    for (const c of charts) expect(compileWarnings(c)).toEqual([])
    const gbp = charts[1]
    expect((gbp.spec.data as {values: unknown[]}).values).toEqual([{year: '2023', amount: 1500}, {year: '2024', amount: 1250.49}])
    expect((gbp.spec.encoding as Record<string, any>).y).toMatchObject({title: 'Amount (GBP)', scale: {zero: true}})
    expect((gbp.spec.title as {subtitle: string[]}).subtitle).toEqual([
      'supplier acme', 'GBP · 2023-02-01 to 2024-05-01', 'filters: --buyer Oxford', 'undated, not drawn: GBP 7 (1 row)',
    ])
    expect(gbp.title).toBe('ACME: spend by year')
    expect(gbp.description).toContain('2023 to 2024')
  })

  it('draws fiscal years as ordinal labels, in order, never dates', () => {
    const [, gbp] = profileCharts(profile(rows(), {kind: 'supplier', query: 'acme', fiscalYearStart: 4}), ctx)
    expect((gbp.spec.data as {values: {year: string}[]}).values.map((v) => v.year)).toEqual(['2022-23', '2023-24', '2024-25'])
    expect((gbp.spec.encoding as Record<string, any>).x.type).toBe('ordinal')
    expect(rounded(gbp)).toMatchSnapshot()
  })

  it('with only undated rows draws an empty year axis that still compiles, the amount stated', () => {
    const [chart] = profileCharts(profile(frameOf({supplier: 'Undated Ltd', date: null, amount: 1234567}), {kind: 'supplier', query: 'undated'}), ctx)
    expect(compileWarnings(chart)).toEqual([])
    expect((chart.spec.data as {values: unknown[]}).values).toEqual([])
    expect((chart.spec.title as {subtitle: string[]}).subtitle.at(-1)).toBe('undated, not drawn: GBP 12,346 (1 row)')
  })

  it('profiles a buyer the same way', () => {
    const charts = profileCharts(profile(rows(), {kind: 'buyer', query: 'Buyer A'}), ctx)
    expect(charts.map((c) => c.name)).toEqual(['profile-buyer-buyer-a-eur', 'profile-buyer-buyer-a-gbp'])
    expect((charts[1].spec.data as {values: {amount: number}[]}).values.map((v) => v.amount)).toEqual([1500, 1255.49])
  })
})
