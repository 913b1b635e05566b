/**
 * applyCrosswalk on tiny frames: each decision, the id rules (identifiers
 * win), names a later import brings matched by key, redacted rows kept
 * apart; and entityStats over the result.
 */
import {describe, expect, it} from 'vitest'
import {applyCrosswalk} from '../../../src/analysis/entities/apply.js'
import {nameStats} from '../../../src/analysis/entities/names.js'
import {entityStats} from '../../../src/analysis/entities/stats.js'
import type {CrosswalkRow} from '../../../src/model/crosswalk.js'
import type {SpendFrame} from '../../../src/model/frame.js'
import {matchName} from '../../../src/model/entity-name.js'
import {REDACTED_KEY, supplierKey} from '../../../src/model/supplier.js'
import {loadLegalForms} from '../../../src/io/read/legal-forms.js'
import {frameOf} from '../../helpers/analysis-records.js'

const forms = await loadLegalForms()

const cw = (variant: string, entity_key: string, decision: CrosswalkRow['decision'] = 'auto', supplier_id: string | null = null, entity_name = entity_key.toUpperCase()): CrosswalkRow =>
  ({variant, entity_key, entity_name, score: 1, evidence: 'key', decision, supplier_id})

/** A frame of payments from these (name, id) pairs, keys as the importer makes them. */
function payments(...names: [string, (string | null)?, number?][]): SpendFrame {
  return frameOf(...names.map(([supplier, id = null, amount = 100]) => ({supplier, supplier_id: id, supplier_key: id ?? supplierKey(supplier), amount})))
}

const values = (frame: SpendFrame, name: 'supplier' | 'supplier_key' | 'published_supplier') => {
  const c = frame.columns[name]
  if (c?.type !== 'dict') throw new Error(`no ${name}`)
  return [...c.codes].map((k) => (k < 0 ? null : c.dict[k]))
}

describe('applyCrosswalk', () => {
  it('auto and accept merge into the entity; review and reject keep the published key and name', () => {
    const frame = payments(['ACME Ltd'], ['Acme Limited'], ['ACME Services'], ['A.C.M.E.'], ['Other Co'])
    const rows = [cw('ACME Ltd', 'acme'), cw('Acme Limited', 'acme', 'accept'), cw('ACME Services', 'acme', 'review'), cw('A.C.M.E.', 'acme', 'reject')]
    const out = applyCrosswalk(frame, rows, forms)
    expect(values(out, 'supplier_key')).toEqual(['acme', 'acme', supplierKey('ACME Services'), supplierKey('A.C.M.E.'), supplierKey('Other Co')])
    expect(values(out, 'supplier')).toEqual(['ACME', 'ACME', 'ACME Services', 'A.C.M.E.', 'Other Co'])
    expect(values(out, 'published_supplier')).toEqual(['ACME Ltd', 'Acme Limited', 'ACME Services', 'A.C.M.E.', 'Other Co'])
    // The input frame is not changed.
    expect(values(frame, 'supplier')).toEqual(['ACME Ltd', 'Acme Limited', 'ACME Services', 'A.C.M.E.', 'Other Co'])
  })

  it('the entity name is the first non-blank entity_name of its merged rows', () => {
    const out = applyCrosswalk(payments(['A1'], ['A2']), [cw('A1', 'a', 'auto', null, ''), cw('A2', 'a', 'auto', null, 'The A')], forms)
    expect(values(out, 'supplier')).toEqual(['The A', 'The A'])
  })

  it('names are matched with their whitespace collapsed', () => {
    const out = applyCrosswalk(payments(['  ACME   Ltd ']), [cw('ACME Ltd', 'acme')], forms)
    expect(values(out, 'supplier_key')).toEqual(['acme'])
  })

  it('an exact (variant, id) row wins; else a row with the same id; else the variant without an id', () => {
    const frame = payments(['ACME', 'GB-COH-1'], ['ACME', 'GB-COH-2'], ['Acme Trading', 'GB-COH-1'], ['ACME'])
    const rows = [cw('ACME', 'e1', 'auto', 'GB-COH-1'), cw('ACME', 'e2', 'auto', 'GB-COH-2'), cw('ACME', 'e3')]
    expect(values(applyCrosswalk(frame, rows, forms), 'supplier_key')).toEqual(['e1', 'e2', 'e1', 'e3'])
  })

  it('identifiers win: a row with id X never joins an entity whose rows carry id Y by its name', () => {
    const frame = payments(['ACME Ltd', 'GB-COH-9'], ['ACME Limited', 'GB-COH-9'], ['ACME Ltd'])
    const rows = [cw('ACME Ltd', 'GB-COH-1', 'auto', 'GB-COH-1'), cw('ACME Ltd', 'GB-COH-1')]
    const keys = values(applyCrosswalk(frame, rows, forms), 'supplier_key')
    expect(keys).toEqual(['GB-COH-9', 'GB-COH-9', 'GB-COH-1'])
  })

  it('a name a later import brings joins the one entity a merged variant with its matching key belongs to', () => {
    const rows = [cw('ACME Ltd', 'acme'), cw('Acme Holdings', 'acme'), cw('Beta Ltd', 'beta'), cw('BETA PLC', 'beta-2'), cw('Gamma Ltd', 'gamma', 'review')]
    // 'ACME LIMITED' shares acme's key; 'Beta Limited' matches two entities (stays); 'Gamma Limited' matches only a review row (stays).
    expect(matchName('ACME LIMITED', forms).key).toBe(matchName('ACME Ltd', forms).key)
    const frame = payments(['ACME LIMITED'], ['Beta Limited'], ['Gamma Limited'], ['Delta Ltd'])
    expect(values(applyCrosswalk(frame, rows, forms), 'supplier_key')).toEqual(['acme', supplierKey('Beta Limited'), supplierKey('Gamma Limited'), supplierKey('Delta Ltd')])
  })

  it('a later name with an id joins by name only an entity without other ids', () => {
    const rows = [cw('ACME Ltd', 'acme', 'auto', 'GB-COH-1'), cw('Beta Ltd', 'beta')]
    const frame = payments(['ACME Limited', 'GB-COH-2'], ['ACME Limited'], ['Beta Limited', 'GB-COH-3'])
    expect(values(applyCrosswalk(frame, rows, forms), 'supplier_key')).toEqual(['GB-COH-2', 'acme', 'beta'])
  })

  it('redacted rows keep the redacted key, even when the crosswalk lists the placeholder', () => {
    const frame = frameOf({supplier: 'Redacted', supplier_key: REDACTED_KEY, redacted: true}, {supplier: 'ACME Ltd', supplier_key: 'acme ltd'})
    const out = applyCrosswalk(frame, [cw('Redacted', 'someone'), cw('ACME Ltd', 'acme')], forms)
    expect(values(out, 'supplier_key')).toEqual([REDACTED_KEY, 'acme'])
    expect(values(out, 'supplier')).toEqual(['Redacted', 'ACME'])
  })

  it('without crosswalk rows only published_supplier is added', () => {
    const frame = payments(['ACME Ltd'])
    const out = applyCrosswalk(frame, [], forms)
    expect(out.columns.supplier_key).toBe(frame.columns.supplier_key)
    expect(values(out, 'published_supplier')).toEqual(['ACME Ltd'])
  })

  it('a frame of many rows over few names gives the same result as the rows one by one', () => {
    const names: [string, (string | null)?][] = [['ACME Ltd'], ['Acme Limited'], ['ACME Ltd', 'GB-COH-1'], ['Beta'], ['Redacted']]
    const many = Array.from({length: 2000}, (_, i) => names[(i * 7) % names.length] as [string, (string | null)?])
    const rows = [cw('ACME Ltd', 'acme'), cw('Acme Limited', 'acme'), cw('Beta', 'beta', 'reject')]
    const whole = values(applyCrosswalk(payments(...many), rows, forms), 'supplier_key')
    const single = many.map((n) => values(applyCrosswalk(payments(n), rows, forms), 'supplier_key')[0])
    expect(whole).toEqual(single)
  })
})

describe('nameStats', () => {
  it('counts rows per (variant, id), whitespace collapsed, redacted and blank left out', () => {
    const frame = frameOf(
      {supplier: 'ACME Ltd'}, {supplier: 'ACME  Ltd'}, {supplier: 'ACME Ltd', supplier_id: 'X'},
      {supplier: 'Redacted', supplier_key: REDACTED_KEY}, {supplier: '  ', supplier_key: REDACTED_KEY},
    )
    expect(nameStats(frame).sort((a, b) => a.rows - b.rows)).toEqual([{variant: 'ACME Ltd', supplier_id: 'X', rows: 1}, {variant: 'ACME Ltd', supplier_id: null, rows: 2}])
  })
})

describe('entityStats', () => {
  it('names before and after, merges with amounts per currency, and the spend that changed entity', () => {
    const frame = frameOf(
      {supplier: 'ACME Ltd', supplier_key: 'acme ltd', amount: 150, currency: 'GBP'},
      {supplier: 'Acme Limited', supplier_key: 'acme limited', amount: 250, currency: 'GBP'},
      {supplier: 'Acme Limited', supplier_key: 'acme limited', amount: 1000, currency: 'NOK'},
      {supplier: 'Beta', supplier_key: 'beta', amount: 7, currency: 'GBP'},
      {supplier: 'Redacted', supplier_key: REDACTED_KEY, amount: 9, currency: 'GBP'},
    )
    const after = applyCrosswalk(frame, [cw('ACME Ltd', 'acme'), cw('Acme Limited', 'acme'), cw('Beta', 'beta')], forms)
    const stats = entityStats(frame, after, 10)
    expect(stats.names_before).toBe(3)
    expect(stats.names_after).toBe(2)
    expect(stats.merges).toEqual([{entity_key: 'acme', entity_name: 'ACME', variants: 2, keys: 2, rows: 3, amounts: [
      {currency: 'GBP', rows: 2, amount: 400n}, {currency: 'NOK', rows: 1, amount: 1000n},
    ]}])
    // Every acme row changed key ('acme ltd' -> 'acme'); Beta's key stays 'beta'.
    expect(stats.changed).toEqual([{currency: 'GBP', rows: 2, amount: 400n}, {currency: 'NOK', rows: 1, amount: 1000n}])
    expect(entityStats(frame, applyCrosswalk(frame, [], forms), 10)).toEqual({names_before: 3, names_after: 3, merges: [], changed: []})
  })
})
