import {describe, expect, it} from 'vitest'
import {mapColumns} from '../../src/io/read/table/mapping.js'
import {presetByName} from '../../src/io/read/table/presets.js'
import {parseSupplierInfo} from '../../src/io/read/supplier-info.js'

describe('supplier_scale in table mapping', () => {
  it('maps an sme / supplier scale / supplier size header', () => {
    for (const h of ['SME', 'supplier_scale', 'Supplier size', 'Supplier Scale']) {
      const m = mapColumns(['Supplier', 'Amount', h], {})
      expect(m.index.supplier_scale, h).toBe(2)
    }
  })

  it('never by a near miss: a supplier site or state is another column', () => {
    for (const h of ['Supplier site', 'Supplier state', 'Scale']) expect(mapColumns(['Supplier', 'Amount', h], {}).index.supplier_scale, h).toBeUndefined()
  })

  it('the TED CAN preset maps B_CONTRACTOR_SME', () => {
    const m = mapColumns(['WIN_NAME', 'AWARD_VALUE_EURO_FIN_1', 'B_CONTRACTOR_SME'], {preset: presetByName('ted-can')})
    expect([m.index.supplier_scale, m.how.supplier_scale]).toEqual([2, 'preset'])
  })
})

describe('parseSupplierInfo', () => {
  it('reads the supplier and its sme value per line, other columns ignored, blank cells skipped', () => {
    const rows = parseSupplierInfo('\uFEFFSupplier ID,Region,SME\nGB-COH-1,North,Y\nACME Ltd,South,false\n\nCafe,West,\n,East,yes\n', 'info.csv')
    expect(rows).toEqual([{line: 2, supplier: 'GB-COH-1', sme: true}, {line: 3, supplier: 'ACME Ltd', sme: false}])
  })

  it('a bad sme value is an error at file:line; no sme column is an error naming the file', () => {
    expect(() => parseSupplierInfo('supplier,sme\nACME,yes\nBolt,perhaps\n', 'info.csv')).toThrow(expect.objectContaining({where: 'info.csv:3', message: expect.stringContaining('"perhaps"')}))
    expect(() => parseSupplierInfo('supplier,size\nACME,small\n', 'info.csv')).toThrow(expect.objectContaining({where: 'info.csv', message: expect.stringMatching(/no sme column/)}))
    expect(() => parseSupplierInfo('region,sme\nNorth,yes\n', 'info.csv')).toThrow(expect.objectContaining({where: 'info.csv'}))
  })
})
