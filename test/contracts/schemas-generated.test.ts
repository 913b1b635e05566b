/**
 * schemas/*.json are generated from the outputs' declarations (`npm run
 * schemas`): a committed schema that differs from its declaration fails here,
 * so a schema can no longer drift from what the command writes. And the
 * declarations are real JSON Schema the contract checker accepts.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'
import {OUTPUTS} from '../../src/services/output-schemas.js'
import {columnsOf, DIMS, labelled, money, req, schemaOf, schemaText, share, text} from '../../src/io/write/output-fields.js'
import {check, type Schema} from './schema-check.js'

describe('schemas/*.json come from the declarations', () => {
  it.each(OUTPUTS.map((o) => [o.name, o] as const))('schemas/%s.json is what `npm run schemas` writes', (name, o) => {
    const committed = readFileSync(join(ROOT, 'schemas', `${name}.json`), 'utf8')
    expect(committed, `schemas/${name}.json differs from its declaration: run npm run schemas`).toBe(schemaText(o))
  })

  it('every schema but the error shape is declared', () => {
    const files = readdirSync(join(ROOT, 'schemas')).map((f) => f.replace(/\.json$/, '')).filter((n) => n !== 'error').sort()
    expect(OUTPUTS.map((o) => o.name).sort()).toEqual(files)
  })

  it('a declaration gives a schema the checker enforces (required, pattern, enum, nested rows)', () => {
    const o = {name: 't', title: 't', fields: [req({key: 'rows', type: 'array' as const, fields: [DIMS, req(text('class', {enum: ['A', 'B']})), req(money('amount')), share('share')]})]}
    const schema = schemaOf(o) as Schema
    expect(check(schema, {rows: [{buyer: 'x', class: 'A', amount: '1.50', share: null}]})).toEqual([])
    expect(check(schema, {rows: [{class: 'D', amount: '1,50'}]})).toHaveLength(2)
    expect(check(schema, {rows: [{amount: '1'}]})).toEqual(['$.rows[0]: missing required "class"'])
  })

  it('the CSV columns of a declaration: its keys in order, dimensions in place, objects flattened', () => {
    const fields = [DIMS, text('currency'), money('amount'), {key: 'unidentified', type: 'object' as const, fields: [money('amount'), share('share')]}, {key: 'list', type: 'array' as const}]
    expect(columnsOf(fields, [{key: 'buyer', header: 'buyer'}]).map((c) => [c.key, c.kind])).toEqual([
      ['buyer', undefined], ['currency', undefined], ['amount', 'money'], ['unidentified_amount', 'money'], ['unidentified_share', 'share'],
    ])
  })

  it('columns for people take the declared kind, or their own, and only declared fields', () => {
    const fields = [text('currency'), money('amount'), share('hhi', {kind: 'number'})]
    expect(labelled(fields, {currency: 'cur', amount: 'total', hhi: ['HHI', 'int']})).toEqual([
      {key: 'currency', header: 'cur'}, {key: 'amount', header: 'total', kind: 'money'}, {key: 'hhi', header: 'HHI', kind: 'int'},
    ])
    expect(() => labelled(fields, {share: 'share'})).toThrow('no field share')
  })
})
