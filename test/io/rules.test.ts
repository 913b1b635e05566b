import {mkdirSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {SpendInputError} from '../../src/errors.js'
import {cpvLabels} from '../../src/io/cpv-labels.js'
import {parseRules} from '../../src/io/read/rules.js'
import {DEFAULT_RULE_FILES, loadRuleFiles} from '../../src/io/read/rules-files.js'
import {rulesText} from '../../src/io/write/classify-rules.js'
import {RULE_COLUMNS} from '../../src/model/rules.js'
import {tempDir} from '../helpers/cli.js'

const HEADER = RULE_COLUMNS.join(',')
const cpv = await cpvLabels()

/** The SpendInputError a parse throws, as its one line. */
function failure(text: string, file = 'r.csv'): string {
  try {
    parseRules(text, file, cpv)
  } catch (error) {
    expect(error).toBeInstanceOf(SpendInputError)
    return (error as SpendInputError).oneLine()
  }
  throw new Error('expected the rules to be refused')
}

describe('parseRules', () => {
  it('reads rules in file order with their origin as FILE:LINE (blank lines counted, folders left out)', () => {
    const text = `${HEADER}\n,expense_type,,exact,Stationery,30192700,office\n\nOxford,category_code,ProClass,regex,^15,90500000-2,waste\n`
    const {rules} = parseRules(text, 'some/dir/r.csv', cpv)
    expect(rules).toEqual([
      {at: 'r.csv:2', buyer: null, field: 'expense_type', scheme: null, match: 'exact', pattern: 'Stationery', cpv: '30192700', note: 'office'},
      {at: 'r.csv:4', buyer: 'Oxford', field: 'category_code', scheme: 'ProClass', match: 'regex', pattern: '^15', cpv: '90500000', note: 'waste'},
    ])
  })

  it('reads back the canonical text it is stored as, origins kept', () => {
    const first = parseRules(`${HEADER}\n,description,,regex,"a,b ""c""",30192700,\n`, 'mine.csv', cpv)
    const stored = rulesText(first)
    expect(stored.split('\n')[0]).toBe(`${HEADER},at`)
    expect(parseRules(stored, 'classification-abc.csv', cpv)).toEqual(first)
  })

  it.each([
    ['an unknown field', `,supplier,,exact,x,30192700,`, 'r.csv:2: unknown field "supplier"'],
    ['an unknown match', `,unit,,like,x,30192700,`, 'r.csv:2: unknown match "like"'],
    ['a scheme on a non-code field', `,expense_type,ProClass,exact,x,30192700,`, 'r.csv:2: a scheme is given on a rule testing expense_type'],
    ['a bad regex', `,unit,,regex,(ab,30192700,`, 'r.csv:2: bad regular expression "(ab"'],
    ['a code not in CPV', `,unit,,exact,x,99999999,`, 'r.csv:2: CPV code 99999999 is not in the CPV 2008 list'],
    ['a malformed code', `,unit,,exact,x,3019270,`, 'r.csv:2: "3019270" is not a CPV code'],
    ['an empty pattern', `,unit,,exact,,30192700,`, 'r.csv:2: the rule has no pattern'],
  ])('refuses %s with FILE:LINE, what and how to fix', (_what, line, start) => {
    const one = failure(`${HEADER}\n${line}\n`)
    expect(one.startsWith(start), one).toBe(true)
    expect(one).toMatch(/\(.+\)$/)
  })

  it('refuses a file without the header columns', () => {
    expect(failure('buyer,field,match,pattern,cpv\n')).toMatch(/^r\.csv:1: no scheme column/)
    expect(failure('\n\n')).toMatch(/^r\.csv: the rules file has no header/)
  })
})

describe('loadRuleFiles', () => {
  it('reads several files as one set in the order given; default is the shipped files in their order', async () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'shipped'))
    DEFAULT_RULE_FILES.forEach((f, i) => writeFileSync(join(dir, 'shipped', f), `${HEADER}\n,unit,,exact,u${i},30192700,\n`))
    const mine = join(dir, 'mine.csv')
    writeFileSync(mine, `${HEADER}\n,unit,,exact,mine,30192700,\n`)
    const {set, source} = await loadRuleFiles([mine, 'default'], cpv, join(dir, 'shipped'))
    expect(set.rules.map((r) => [r.at, r.pattern])).toEqual([['mine.csv:2', 'mine'], ...DEFAULT_RULE_FILES.map((f, i) => [`${f}:2`, `u${i}`])])
    expect(source).toBe(`${mine}+default`)
  })

  it('says which file is missing', async () => {
    const dir = tempDir()
    await expect(loadRuleFiles([join(dir, 'nope.csv')], cpv)).rejects.toThrow(/cannot read the rules file \(ENOENT\)/)
    await expect(loadRuleFiles(['default'], cpv, dir)).rejects.toThrow(`the shipped rules file ${DEFAULT_RULE_FILES[0]} is missing`)
  })
})
