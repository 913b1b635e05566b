/**
 * The shipped default rules (data/rules/*.csv): every file parses, every
 * rule's CPV code is in the CPV 2008 list, and every rule catches at least one
 * labelled example (fixtures/rules/examples.csv: values as the UK real files,
 * the demo data and the kontoplan publish them) which then gets that rule's
 * code: first match wins, so no earlier rule, in the same file or an earlier
 * shipped file, may take it. Examples with no file and line are values the
 * rules deliberately leave unclassified (grants, taxes, levies, allowances).
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import Papa from 'papaparse'
import {beforeAll, describe, expect, it} from 'vitest'
import {applyRules} from '../../src/analysis/classify/apply.js'
import {cpvLabels} from '../../src/io/cpv-labels.js'
import {parseRules} from '../../src/io/read/rules.js'
import {type DictColumn, dictValue, frameFromRecords} from '../../src/model/frame.js'
import type {RecordColumn, SpendRecord} from '../../src/model/record.js'
import type {Rule, RuleField} from '../../src/model/rules.js'
import {ROOT, fixture} from '../helpers/cli.js'

/** The shipped files in the order `--rules default` tries them. */
const FILES = ['uk-expense-types.csv', 'uk-proclass.csv', 'no-kontoplan.csv']
/** The published source each file's notes must name (with its version or date). */
const SOURCE: Record<string, RegExp> = {
  'uk-expense-types.csv': /CIPFA SeRCOP 2023\/24/,
  'uk-proclass.csv': /^ProClass vC21\.1 (label|code); /,
  'no-kontoplan.csv': /^Standard kontoplan for statlige virksomheter \(DFØ; R-102 of 20\.12\.2021\): /,
}
const COLUMNS: RecordColumn[] = ['buyer_id', 'buyer', 'category_scheme', 'category_code', 'category', 'expense_type', 'unit', 'description']

interface Example {file: string; line: string; field: RuleField; scheme: string; value: string; cpv: string}

const csv = (text: string) => Papa.parse<Record<string, string>>(text, {header: true, skipEmptyLines: true}).data
const text = (f: string) => readFileSync(join(ROOT, 'data', 'rules', f), 'utf8')
const examples = csv(readFileSync(fixture('rules', 'examples.csv'), 'utf8')) as unknown as Example[]

let cpv: Map<string, string>
let rules: Rule[]
beforeAll(async () => {
  cpv = await cpvLabels()
  rules = FILES.flatMap((f) => parseRules(text(f), f, cpv).rules)
})

/** The example values as a frame, one row each, the field set (and the code's scheme for category_code). */
function exampleFrame(list: readonly Example[]) {
  const records = list.map((e) => {
    const r: Record<string, string | null> = Object.fromEntries(COLUMNS.map((c) => [c, null]))
    r.buyer_id = 'example-buyer'
    r.buyer = 'Example buyer'
    r[e.field] = e.value
    if (e.field === 'category_code') r.category_scheme = e.scheme || null
    return r as unknown as SpendRecord
  })
  return frameFromRecords(records, COLUMNS)
}

describe('shipped default rules files', () => {
  it.each(FILES)('%s: every line is a rule for every buyer, its note naming the source, its CPV code in the CPV 2008 list', (f) => {
    const raw = csv(text(f))
    expect(raw.length).toBeGreaterThan(20)
    const set = parseRules(text(f), f, cpv)
    expect(set.rules).toHaveLength(raw.length)
    for (const r of raw) {
      expect(r.cpv, `${f}: ${r.pattern}`).toMatch(/^\d{8}$/)
      expect(cpv.has(r.cpv), `${f}: ${r.pattern} -> ${r.cpv}`).toBe(true)
      expect(r.note, `${f}: ${r.pattern}: the note names the source`).toMatch(SOURCE[f])
      expect(r.buyer).toBe('')
    }
  })

  it('every rule is exemplified, and each example gets its rule and its CPV code with all the default files applied in order', () => {
    const positive = examples.filter((e) => e.file !== '')
    const frame = applyRules(exampleFrame(positive), {rules}, cpv)
    const by = frame.columns.classified_by as DictColumn
    const code = frame.columns.category_code as DictColumn
    const got = positive.map((e, i) => ({value: e.value, at: dictValue(by, i), cpv: dictValue(code, i)}))
    expect(got).toEqual(positive.map((e) => ({value: e.value, at: `${e.file}:${e.line}`, cpv: e.cpv})))
    const covered = new Set(positive.map((e) => `${e.file}:${e.line}`))
    expect(rules.map((r) => r.at).filter((at) => !covered.has(at))).toEqual([])
    // The fixture's CPV column agrees with the rule it names (the fixture is not stale).
    const cpvOf = new Map(rules.map((r) => [r.at, r.cpv]))
    for (const e of positive) expect(cpvOf.get(`${e.file}:${e.line}`), `${e.file}:${e.line}`).toBe(e.cpv)
  })

  it('values with no honest CPV code (grants, taxes, levies, allowances, excluded sub-headings) stay unclassified', () => {
    const negative = examples.filter((e) => e.file === '')
    expect(negative.length).toBeGreaterThan(10)
    const frame = applyRules(exampleFrame(negative), {rules}, cpv)
    const by = frame.columns.classified_by as DictColumn
    expect(negative.map((e, i) => [e.value, dictValue(by, i)])).toEqual(negative.map((e) => [e.value, null]))
  })
})
