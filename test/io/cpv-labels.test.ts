import {describe, expect, it} from 'vitest'
import {categoryLabelsFor, cpvLabels, CPV_FILE} from '../../src/io/cpv-labels.js'
import {frameFromRecords} from '../../src/model/frame.js'

describe('CPV labels', () => {
  it('resolve data/cpv-2008-en.csv from the package root and read every level', async () => {
    expect(CPV_FILE).toMatch(/data\/cpv-2008-en\.csv$/)
    const labels = await cpvLabels()
    expect(labels.size).toBeGreaterThan(9000)
    expect(labels.get('45000000')).toBe('Construction work')
    expect(labels.get('72200000')).toBe('Software programming and consultancy services')
    expect(labels.get('03111000')).toBe('Seeds')
  })

  it('are loaded only when a category is shown and the data has CPV-style codes', async () => {
    const cpv = frameFromRecords([{category_code: '72212000-4'} as never], ['category_code'])
    const other = frameFromRecords([{category_code: 'A10'} as never], ['category_code'])
    expect(await categoryLabelsFor(cpv, ['buyer'])).toBeUndefined()
    expect(await categoryLabelsFor(other, ['category'])).toBeUndefined()
    expect((await categoryLabelsFor(cpv, ['category']))?.get('72212000')).toBe('Programming services of application software')
  })
})
