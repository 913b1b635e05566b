import {describe, expect, it} from 'vitest'
import {PER_UNIT_EXTRA, perUnitName, perUnitText, perUnitUnit} from '../../../src/analysis/benchmark/per-unit.js'

/** The same division written out with plain bigints, rounding half to even, for the checks. */
function reference(totalPence: bigint, sizeTenths: bigint, decimals: number): bigint {
  // total/100 / (size/10) x 10^decimals = total x 10 x 10^decimals / (100 x size)
  const n = totalPence * 10n * 10n ** BigInt(decimals)
  const d = 100n * sizeTenths
  const q = n / d
  const r = n % d
  return 2n * r > d || (2n * r === d && q % 2n === 1n) ? q + 1n : q
}

describe('perUnitText', () => {
  it('divides exactly and writes the currency decimals plus PER_UNIT_EXTRA', () => {
    expect(perUnitText('1000.00', 'GBP', '3')).toBe('333.333333')
    expect(perUnitText('1500000.00', 'GBP', '800000')).toBe('1.875000')
    expect(perUnitText('1000', 'JPY', '3')).toBe('333.3333')
    expect(perUnitText('1000.00', 'GBP', '3')!.split('.')[1]).toHaveLength(2 + PER_UNIT_EXTRA)
  })
  it('rounds half to even, on the decimal text of both operands', () => {
    expect(perUnitText('0.01', 'GBP', '8', 0)).toBe('0.00')
    expect(perUnitText('0.03', 'GBP', '8', 0)).toBe('0.00')
    expect(perUnitText('0.05', 'GBP', '4', 0)).toBe('0.01')
    expect(perUnitText('0.07', 'GBP', '4', 0)).toBe('0.02')
    for (const [pence, tenths] of [[123457n, 25n], [999999999999n, 33n], [5n, 4n], [-125n, 10n]] as const) {
      const got = perUnitText(`${pence < 0n ? '-' : ''}${(pence < 0n ? -pence : pence) / 100n}.${String((pence < 0n ? -pence : pence) % 100n).padStart(2, '0')}`, 'GBP', `${tenths / 10n}.${tenths % 10n}`)
      const want = reference(pence, tenths, 2 + PER_UNIT_EXTRA)
      expect(BigInt(got!.replace('.', ''))).toBe(want)
    }
  })
  it('gives no figure for no total, or a zero, negative or unreadable size', () => {
    expect(perUnitText(null, 'GBP', '3')).toBeNull()
    expect(perUnitText('10.00', 'GBP', '0')).toBeNull()
    expect(perUnitText('10.00', 'GBP', '-5')).toBeNull()
    expect(perUnitText('10.00', 'GBP', 'n/a')).toBeNull()
  })
  it('names the measure and its unit', () => {
    expect(perUnitName('Population')).toBe('total_spend_per_population')
    expect(perUnitName('FTE staff')).toBe('total_spend_per_fte_staff')
    expect(perUnitUnit('GBP', 'population')).toBe('GBP per population')
  })
})
