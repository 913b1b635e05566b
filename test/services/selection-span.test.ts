/**
 * The dates a chart's subtitle gives: every date of the selection counts,
 * the one with the last dictionary code too (it was dropped, so a one-date
 * workspace said "no dated rows").
 */
import {describe, expect, it} from 'vitest'
import {selectionSpan} from '../../src/services/charts.js'
import {frameOf} from '../helpers/analysis-records.js'

describe('selectionSpan', () => {
  it('gives the one date of a one-row frame', () => {
    expect(selectionSpan(frameOf({date: '2024-03-01'}), null)).toEqual(['2024-03-01', '2024-03-01'])
  })

  it('counts the date with the last code, whatever order the dates came in', () => {
    const dates = ['2024-02-01', '2023-05-01', '2024-12-31', '2024-01-15']
    for (const order of [dates, [...dates].reverse()]) {
      const frame = frameOf(...order.map((date) => ({date})), {date: null})
      const sorted = [...dates].sort()
      expect(selectionSpan(frame, null)).toEqual([sorted[0], sorted[sorted.length - 1]])
      expect(selectionSpan(frame, Uint32Array.from([0, 1]))).toEqual([order.slice(0, 2).sort()[0], order.slice(0, 2).sort()[1]])
    }
    expect(selectionSpan(frameOf({date: null}), null)).toBeNull()
  })
})
