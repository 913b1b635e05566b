import {describe, expect, it} from 'vitest'
import {pareto, paretoCurve, paretoToJson} from '../../src/analysis/pareto.js'
import {frameOf} from '../helpers/analysis-records.js'

describe('pareto curve', () => {
  // Totals 600, 200, 100, 60, 40 (positive 1000) and one net credit.
  const f = frameOf(
    {supplier: 'S1', amount: 600}, {supplier: 'S2', amount: 200}, {supplier: 'S3', amount: 100},
    {supplier: 'S4', amount: 60}, {supplier: 'S5', amount: 40}, {supplier: 'S6', amount: -70},
  )

  it('runs from (0, 0) through each positive supplier to (1, 1), from the detail ranking', () => {
    const g = pareto(f, {curve: true, detail: true}).groups[0]
    const positive = g.detail!.filter((s) => s.cumulative !== null)
    expect(g.curve).toEqual([{suppliers: 0, spend: 0}, ...positive.map((s, i) => ({suppliers: (i + 1) / positive.length, spend: s.cumulative}))])
    expect(g.curve![g.curve!.length - 1]).toEqual({suppliers: 1, spend: 1})
  })

  it('changes nothing in the JSON, and is left out unless asked for', () => {
    expect(paretoToJson(pareto(f, {curve: true}))).toEqual(paretoToJson(pareto(f)))
    expect(pareto(f).groups[0].curve).toBeUndefined()
    expect(pareto(f, {curve: true}).groups[0].detail).toBeUndefined()
  })

  it('keeps at most about maxPoints points, rising, and always the last', () => {
    const many = frameOf(...Array.from({length: 1001}, (_, i) => ({supplier: `S${i}`, amount: 1001 - i})))
    const detail = pareto(many, {detail: true}).groups[0].detail!
    for (const max of [10, 7, 1001, 5000]) {
      const curve = paretoCurve(detail, max)
      expect(curve.length).toBeLessThanOrEqual(max + 2)
      expect(curve[curve.length - 1]).toEqual({suppliers: 1, spend: 1})
      for (let i = 1; i < curve.length; i++) {
        expect(curve[i].suppliers).toBeGreaterThan(curve[i - 1].suppliers)
        expect(curve[i].spend).toBeGreaterThanOrEqual(curve[i - 1].spend)
      }
    }
    expect(paretoCurve([])).toEqual([{suppliers: 0, spend: 0}])
  })
})
