import {cpvCode} from '../dim-parts.js'
import {dictColumn, KeyMaker} from '../frame-access.js'
import type {DictColumn, SpendFrame} from '../../model/frame.js'
import type {RecordColumn} from '../../model/record.js'
import type {Rule, RuleSet} from '../../model/rules.js'

/**
 * Applying a rules set to a frame. Rules are never run per row: each tested
 * column's dictionary entries are matched once per rule and grouped into
 * classes (entries that match the same rules), a row's class combination is
 * its key, and the first matching rule is worked out once per distinct key.
 */

const BASE: readonly RecordColumn[] = ['buyer_id', 'buyer', 'category_scheme', 'category_code', 'category', 'expense_type']

/**
 * The stored columns `applyRules` reads for this rules set (description only
 * when a rule tests it: it is the costliest column to load).
 * @example ruleColumns({rules: []}) // ['buyer_id', 'buyer', 'category_scheme', 'category_code', 'category', 'expense_type']
 */
export function ruleColumns(set: RuleSet): RecordColumn[] {
  const out = [...BASE]
  for (const f of ['unit', 'description'] as const) if (set.rules.some((r) => r.field === f)) out.push(f)
  return out
}

/**
 * Text as an exact rule compares it: lower case (accents kept), runs of
 * white space as one space, trimmed.
 * @example exactText('  Office   SUPPLIES ') // 'office supplies'
 */
export function exactText(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/gu, ' ').trim()
}

/** A test of a dictionary entry: the text as published and as exactText makes it (worked out once per entry). */
type EntryTest = (text: string, exact: string) => boolean

/**
 * Whether a rule's pattern matches a text: a regex tests the text as published, an exact rule its exactText.
 * @example ruleTest({match: 'exact', pattern: 'Fees'})(' FEES', 'fees') // true
 */
export function ruleTest(rule: Pick<Rule, 'match' | 'pattern'>): EntryTest {
  if (rule.match === 'regex') {
    const re = new RegExp(rule.pattern, 'iu')
    return (t) => re.test(t)
  }
  const want = exactText(rule.pattern)
  return (_t, x) => x === want
}

/** Whether a rule's buyer is this buyer id or name (an exact id, else the name compared as exact rules do). */
function buyerTest(buyer: string): {id: EntryTest; name: EntryTest} {
  const b = buyer.trim()
  const nb = exactText(b)
  return {id: (t, x) => t.trim() === b || x === nb, name: (_t, x) => x === nb}
}

/** One tested column: each dictionary entry's class, and each class's matching rules. */
interface Classes {
  codes: Int32Array
  /** Class of dictionary entry c; class 0 (also null) matches no rule. */
  ofEntry: Int32Array
  rules: number[][]
}

function classify(col: DictColumn, tests: readonly {rule: number; test: EntryTest}[]): Classes {
  const index = new Map<string, number>([['', 0]])
  const rules: number[][] = [[]]
  const ofEntry = Int32Array.from(col.dict, (text) => {
    const x = exactText(text)
    const hit = tests.filter((t) => t.test(text, x)).map((t) => t.rule)
    const key = hit.join(',')
    let k = index.get(key)
    if (k === undefined) {
      k = rules.length
      index.set(key, k)
      rules.push(hit)
    }
    return k
  })
  return {codes: col.codes, ofEntry, rules}
}

/** Up to this many keys, the first rule per key is cached in a typed array instead of a Map. */
const DENSE_KEYS = 1 << 20

/**
 * The frame with the rules applied: `category_scheme`/`category_code`/`category`
 * become the row's CPV code (`CPV`, the 8 digits, the CPV label from `labels`)
 * when the data brought a CPV code or a rule matched, else null (unclassified);
 * `classified_by` says which (`data`, or the rule's `FILE:LINE`). A row tries
 * its buyer's rules first, in order, then the global ones, in order.
 * @example applyRules(frame, {rules: [rule]}, labels).columns.classified_by // {type: 'dict', dict: ['r.csv:2'], ...}
 */
export function applyRules(frame: SpendFrame, set: RuleSet, labels: ReadonlyMap<string, string>): SpendFrame {
  const rules = set.rules
  const code = dictColumn(frame, 'category_code')
  const dataCpv = (code?.dict ?? []).map((c) => cpvCode(c))
  // Per tested column, the rules' tests on it; need[j]: how many of rule j's field/scheme tests must hold.
  const tests = new Map<RecordColumn, {rule: number; test: EntryTest}[]>()
  const add = (c: RecordColumn, rule: number, test: EntryTest) => {
    const list = tests.get(c) ?? []
    list.push({rule, test})
    tests.set(c, list)
  }
  const need = new Uint8Array(rules.length)
  rules.forEach((r, j) => {
    add(r.field, j, ruleTest(r))
    need[j] = 1
    if (r.scheme !== null) {
      const s = exactText(r.scheme)
      add('category_scheme', j, (_t, x) => x === s)
      need[j]++
    }
  })
  const buyerCols: Classes[] = []
  const buyerTests = rules.map((r, j) => (r.buyer === null ? null : {j, ...buyerTest(r.buyer)}))
  for (const c of ['buyer_id', 'buyer'] as const) {
    const col = dictColumn(frame, c)
    const list = buyerTests.flatMap((b) => (b ? [{rule: b.j, test: c === 'buyer_id' ? b.id : b.name}] : []))
    if (col && list.length) buyerCols.push(classify(col, list))
  }
  const fieldCols: Classes[] = []
  for (const [c, list] of tests) {
    const col = dictColumn(frame, c)
    if (col) fieldCols.push(classify(col, list))
  }
  const all = [...buyerCols, ...fieldCols]
  const radix: number[] = []
  let span = 1
  for (const cls of all) {
    radix.push(span)
    span *= cls.rules.length
  }
  const own = rules.flatMap((r, j) => (r.buyer === null ? [] : [j]))
  const global = rules.flatMap((r, j) => (r.buyer === null ? [j] : []))
  const hits = new Uint8Array(rules.length)
  const buyerHit = new Uint8Array(rules.length)
  /** The first rule matching a class combination (-1: none), given each column's class. */
  const firstRule = (classOf: (col: number) => number): number => {
    hits.fill(0)
    buyerHit.fill(0)
    all.forEach((cls, k) => {
      const target = k < buyerCols.length ? buyerHit : hits
      for (const j of cls.rules[classOf(k)]) target[j] = 1 + (k < buyerCols.length ? 0 : target[j])
    })
    for (const j of own) if (buyerHit[j] && hits[j] === need[j]) return j
    for (const j of global) if (hits[j] === need[j]) return j
    return -1
  }
  // Outcome per row: 0 unclassified, 1 + j rule j, 1 + rules + c the data's own CPV code of entry c.
  const outcome = new Int32Array(frame.length)
  const exact = span <= Number.MAX_SAFE_INTEGER
  const dense = exact && span <= DENSE_KEYS ? new Int32Array(span).fill(-2) : null
  const sparse = new Map<number | string, number>()
  const rowClass = (i: number) => (k: number) => {
    const c = all[k].codes[i]
    return c < 0 ? 0 : all[k].ofEntry[c]
  }
  // Each row's key, one tight pass per tested column (exact while the key space fits a double).
  const keys = exact && rules.length ? new Float64Array(frame.length) : null
  if (keys) {
    for (let k = 0; k < all.length; k++) {
      const {codes, ofEntry} = all[k]
      const r = radix[k]
      for (let i = 0; i < frame.length; i++) {
        const c = codes[i]
        if (c >= 0) keys[i] += ofEntry[c] * r
      }
    }
  }
  const dataCodes = code?.codes
  const isData = Uint8Array.from(dataCpv, (c) => (c === null ? 0 : 1))
  for (let i = 0; i < frame.length; i++) {
    const cc = dataCodes ? dataCodes[i] : -1
    if (cc >= 0 && isData[cc]) {
      outcome[i] = 1 + rules.length + cc
      continue
    }
    if (rules.length === 0) continue
    const key: number | string = keys ? keys[i] : all.map((_, k) => rowClass(i)(k)).join(',')
    let hit = dense ? dense[key as number] : (sparse.get(key) ?? -2)
    if (hit === -2) {
      hit = firstRule(rowClass(i))
      if (dense) dense[key as number] = hit
      else sparse.set(key, hit)
    }
    outcome[i] = hit + 1
  }
  return {...frame, columns: {...frame.columns, ...outputColumns(frame, outcome, rules, dataCpv, labels)}}
}

/** The four classified columns from each row's outcome. */
function outputColumns(frame: SpendFrame, outcome: Int32Array, rules: readonly Rule[], dataCpv: readonly (string | null)[], labels: ReadonlyMap<string, string>) {
  const text = dictColumn(frame, 'category')
  const cpvOf = (o: number) => (o <= rules.length ? rules[o - 1].cpv : dataCpv[o - 1 - rules.length]!)
  const makers = {scheme: new KeyMaker(), code: new KeyMaker(), label: new KeyMaker(), by: new KeyMaker()}
  const size = 1 + rules.length + dataCpv.length
  const perOutcome = {scheme: new Int32Array(size).fill(-1), code: new Int32Array(size).fill(-1), label: new Int32Array(size).fill(-1), by: new Int32Array(size).fill(-1)}
  for (let o = 1; o < size; o++) {
    if (o > rules.length && dataCpv[o - 1 - rules.length] === null) continue
    const cpv = cpvOf(o)
    perOutcome.scheme[o] = makers.scheme.key('CPV')
    perOutcome.code[o] = makers.code.key(cpv)
    const label = labels.get(cpv)
    // A data code not in the list keeps the row's own text (worked out per row below).
    perOutcome.label[o] = label !== undefined ? makers.label.key(label) : o <= rules.length ? makers.label.key(cpv) : -2
    perOutcome.by[o] = makers.by.key(o <= rules.length ? rules[o - 1].at : 'data')
  }
  const out = {scheme: new Int32Array(frame.length), code: new Int32Array(frame.length), label: new Int32Array(frame.length), by: new Int32Array(frame.length)}
  const textIds = new Int32Array(text?.dict.length ?? 0).fill(-2)
  for (let i = 0; i < frame.length; i++) {
    const o = outcome[i]
    out.scheme[i] = perOutcome.scheme[o]
    out.code[i] = perOutcome.code[o]
    out.by[i] = perOutcome.by[o]
    let l = perOutcome.label[o]
    if (l === -2) {
      const t = text ? text.codes[i] : -1
      if (t < 0) l = makers.label.key(cpvOf(o))
      else {
        if (textIds[t] === -2) textIds[t] = makers.label.key(text!.dict[t])
        l = textIds[t]
      }
    }
    out.label[i] = l
  }
  const col = (codes: Int32Array, m: KeyMaker): DictColumn => ({type: 'dict', codes, dict: m.ids as string[]})
  return {
    category_scheme: col(out.scheme, makers.scheme), category_code: col(out.code, makers.code),
    category: col(out.label, makers.label), classified_by: col(out.by, makers.by),
  }
}
