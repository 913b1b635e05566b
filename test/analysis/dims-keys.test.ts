import {describe, expect, it} from 'vitest'
import {dim} from '../../src/analysis/dims.js'
import {modeLabels} from '../../src/analysis/labels.js'
import {frameOf} from '../helpers/analysis-records.js'

describe('supplier and buyer keys and labels', () => {
  it('treats a whitespace-only supplier_key (ASCII or Unicode spaces) as missing, keying by the name', () => {
    for (const blank of ['', '   ', '\t', '\u00a0', '\u3000 ', '\ufeff']) {
      const d = dim(frameOf({supplier: 'B Ltd', supplier_key: 'b'}, {supplier: 'A Ltd', supplier_key: blank}), 'supplier')
      expect(Array.from(d.keys).map((k) => d.ids[k])).toEqual(['b', 'A Ltd'])
    }
  })

  it('keeps a supplier_key that merely contains spaces', () => {
    const d = dim(frameOf({supplier: 'A Ltd', supplier_key: ' a'}, {supplier: 'B Ltd', supplier_key: 'b c'}), 'supplier')
    expect(Array.from(d.keys).map((k) => d.ids[k])).toEqual([' a', 'b c'])
  })

  it('labels a key with no published name by its id', () => {
    const s = dim(frameOf({supplier: null as unknown as string, supplier_key: 'k1'}, {supplier: 'Named', supplier_key: 'k2'}), 'supplier')
    expect(Array.from(s.keys).map((k) => s.labels[k])).toEqual(['k1', 'Named'])
    const b = dim(frameOf({buyer_id: 'x', buyer: null as unknown as string}, {buyer_id: 'y', buyer: 'Y Council'}), 'buyer')
    expect(Array.from(b.keys).map((k) => b.labels[k])).toEqual(['x', 'Y Council'])
    expect(b.labels[b.size - 1]).toBeNull()
  })

  it('modeLabels: most frequent text per key, ties alphabetically; null texts and negative keys skipped', () => {
    const text = {type: 'dict' as const, dict: ['b', 'a', 'c'], codes: Int32Array.of(0, -1, 1, 1, 0, 2, -1, 0, 2, 2)}
    const keys = Int32Array.of(0, 0, 0, 0, 1, 1, 2, -1, 3, 3)
    // key 0: a, a, b (b first seen) -> a; key 1: b, c tie -> b; key 2: only a null text; key 3: c, c.
    expect(modeLabels(keys, 5, text)).toEqual(['a', 'b', null, 'c', null])
    expect(modeLabels(keys, 5, text, ['k0', 'k1', 'k2', 'k3', 'k4'])).toEqual(['a', 'b', 'k2', 'c', 'k4'])
    expect(modeLabels(keys, 2, undefined, ['k0', 'k1'])).toEqual(['k0', 'k1'])
  })
})
