/**
 * The analyses' flags as SQL options (src/sql/registry.ts): the commands'
 * defaults, their dimensions, and the refusals (exit 2) of flags, arguments
 * and values an analysis does not take.
 */
import {describe, expect, it} from 'vitest'
import {checkFlags, SQL_ANALYSES, sqlEntry} from '../../src/sql/registry.js'

const exitOf = (run: () => unknown) => {
  try {
    run()
  } catch (error) {
    return (error as {exit?: number}).exit
  }
  return null
}

describe('the SQL registry', () => {
  it('gives each analysis its command\'s defaults', () => {
    expect(SQL_ANALYSES.cube.options({by: 'buyer,category'})).toMatchObject({by: ['buyer', 'category'], rollup: false, top: undefined})
    expect(SQL_ANALYSES.top.options({}, 'suppliers')).toMatchObject({what: 'suppliers', top: 10, redactedAsSupplier: false})
    expect(SQL_ANALYSES.concentration.options({})).toMatchObject({by: 'category', bands: '2010'})
    expect(SQL_ANALYSES.trend.options({})).toMatchObject({every: 'month', by: undefined})
    expect(SQL_ANALYSES.pareto.options({by: 'buyer', detail: true})).toMatchObject({by: 'buyer', detail: true})
  })

  it('names the dimensions of the output rows', () => {
    expect(SQL_ANALYSES.top.dims({by: 'buyer'}, 'categories')).toEqual(['buyer', 'category'])
    expect(SQL_ANALYSES.trend.dims({by: 'supplier', every: 'year'})).toEqual(['supplier', 'year'])
    expect(SQL_ANALYSES.concentration.dims({})).toEqual(['category'])
    expect(SQL_ANALYSES.pareto.dims({})).toEqual([])
  })

  it('refuses (exit 2) what an analysis does not take', () => {
    expect(exitOf(() => checkFlags(sqlEntry('cube'), ['detail'], undefined))).toBe(2)
    expect(exitOf(() => checkFlags(sqlEntry('trend'), ['every', 'by'], undefined))).toBeNull()
    expect(exitOf(() => checkFlags(sqlEntry('pareto'), [], 'suppliers'))).toBe(2)
    expect(exitOf(() => sqlEntry('summary'))).toBe(2)
    expect(exitOf(() => SQL_ANALYSES.top.options({}, undefined))).toBe(2)
    expect(exitOf(() => SQL_ANALYSES.top.options({by: 'category'}, 'categories'))).toBe(2)
    expect(exitOf(() => SQL_ANALYSES.concentration.options({by: 'supplier'}))).toBe(2)
    expect(exitOf(() => SQL_ANALYSES.cube.options({by: 'buyer,buyer'}))).toBe(2)
    expect(exitOf(() => SQL_ANALYSES.cube.options({}))).toBe(2)
  })
})
