/**
 * keepDecisions: re-running `spend entities suggest` keeps what a person
 * decided, and new variants proposed into a stored entity take its key.
 */
import {describe, expect, it} from 'vitest'
import {keepDecisions} from '../../src/services/entities.js'
import type {CrosswalkRow} from '../../src/model/crosswalk.js'

const cw = (variant: string, entity_key: string, decision: CrosswalkRow['decision'] = 'auto', entity_name = entity_key): CrosswalkRow =>
  ({variant, entity_key, entity_name, score: 0.9, evidence: 'key', decision, supplier_id: null})

describe('keepDecisions', () => {
  const stored = [cw('ACME Ltd', 'acme-entity', 'accept', 'ACME (the entity)'), cw('Beta', 'beta', 'reject'), cw('Gone Ltd', 'gone')]
  const proposed = [cw('ACME Ltd', 'acme'), cw('ACME Plc', 'acme', 'review'), cw('Beta', 'beta'), cw('New Co', 'new')]
  const {rows, fresh} = keepDecisions(proposed, stored)

  it('stored rows come back exactly as stored, including rows no longer proposed', () => {
    for (const s of stored) expect(rows).toContainEqual(s)
  })

  it('a new variant whose proposed entity holds a stored variant takes its stored key and name', () => {
    expect(rows.find((r) => r.variant === 'ACME Plc')).toMatchObject({entity_key: 'acme-entity', entity_name: 'ACME (the entity)', decision: 'review'})
    expect(rows.find((r) => r.variant === 'New Co')?.entity_key).toBe('new')
  })

  it('fresh holds only rows not stored; rows are in crosswalk order', () => {
    expect(fresh.map((r) => r.variant)).toEqual(['ACME Plc', 'New Co'])
    expect(rows.map((r) => r.variant)).toEqual(['ACME Ltd', 'ACME Plc', 'Beta', 'Gone Ltd', 'New Co'])
  })
})
