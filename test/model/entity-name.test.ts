import {execFileSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'
import ts from 'typescript'
import {beforeAll, describe, expect, it} from 'vitest'
import {LEGAL_FORMS_FILE, loadLegalForms, parseLegalForms} from '../../src/io/read/legal-forms.js'
import {codePointCompare, fingerprint, type LegalForm, matchName, matchTokens, ngramFingerprint} from '../../src/model/entity-name.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

let forms: LegalForm[]
beforeAll(async () => {
  forms = await loadLegalForms()
})

const key = (name: string) => matchName(name, forms).key

/** Names that are one supplier: each group must share one key, and groups must differ. */
const SAME: Record<string, string[]> = {
  english: ['ACCENTURE (UK) LTD', 'Accenture UK Limited', 'Accenture (UK) Ltd.', 'accenture uk limted', 'The Accenture UK Ltd'],
  englishAnd: ['Smith & Sons Ltd', 'SMITH AND SONS LIMITED', 'Smith + Sons'],
  englishCo: ['Jones & Co', 'Jones and Company', 'JONES CO. LTD'],
  holdings: ['Foo Holdings Ltd.', 'FOO HOLDINGS PLC', 'Foo Holdings Public Limited Company'],
  us: ['Acme Inc.', 'ACME INCORPORATED', 'Acme Corp', 'Acme, LLC', 'The Acme Corporation'],
  norwegianKf: ['Bergen Kommune KF', 'BERGEN KOMMUNE', 'Bergen kommune, kommunalt foretak'],
  norwegianAs: ['NORSK FIRMA A/S', 'Norsk Firma AS', 'Norsk Firma ASA', 'norsk firma a.s.'],
  norwegianLetters: ['Bærum Rør og Vann AS', 'BAERUM ROR OG VANN', 'Bærum Rør og Vann A/S'],
  spanish: ['Grupo Bimbo, S.A.B. de C.V.', 'GRUPO BIMBO SAB DE CV', 'Grupo Bimbo S.A. de C.V.', 'Grupo Bimbo'],
  spanishSl: ['Construcciones Pérez S.L.', 'CONSTRUCCIONES PEREZ SL', 'Construcciones Pérez, S.R.L.', 'Construcciones Pérez S.A.'],
  german: ['Müller GmbH & Co. KG', 'MUELLER GMBH'.replace('UE', 'Ü'), 'Müller AG'],
  nordic: ['Kone Oyj', 'KONE OY', 'Kone AB (publ)', 'Kone ApS'],
  polish: ['Łódź Serwis Sp. z o.o.', 'LODZ SERWIS SP Z OO'],
}

describe('matchName', () => {
  it('gives every spelling of one supplier the same key, and different suppliers different keys', () => {
    const groupKeys = new Map<string, string>()
    for (const [group, names] of Object.entries(SAME)) {
      const keys = new Set(names.map(key))
      expect([...keys], group).toHaveLength(1)
      groupKeys.set(group, [...keys][0] as string)
    }
    expect(new Set(groupKeys.values()).size).toBe(groupKeys.size)
  })

  it('keeps words that are not legal forms: "Accenture" alone is not "Accenture UK"', () => {
    expect(key('Accenture')).not.toBe(key('ACCENTURE (UK) LTD'))
    expect(key('Accenture')).toBe(key('ACCENTURE LIMITED'))
  })

  it('does not take an ordinary word for a legal form: "Bath Spa" keeps its "spa"', () => {
    expect(key('Bath Spa University')).toBe('bath spa university')
    expect(key('Bath Spa')).toBe('bath spa')
    expect(key('Ferrari S.p.A.')).toBe(key('FERRARI'))
  })

  it('strips legal forms only at the end, repeatedly, and never down to nothing', () => {
    expect(key('Foo Holdings Ltd.')).toBe('foo holdings')
    expect(key('Ltd Holdings')).toBe('ltd holdings')
    expect(key('AS')).toBe('as')
    expect(key('A/S')).toBe('a s')
    expect(key('Limited Ltd')).toBe('limited')
    expect(key('The')).toBe('the')
    expect(key('Asda Stores Ltd')).toBe('asda stores')
    expect(key('ABBA Co. Ltd')).toBe('abba')
  })

  it('folds Norwegian letters and accents the same way every time', () => {
    expect(matchTokens('Æ Ø Å æ ø å')).toEqual(['ae', 'o', 'a', 'ae', 'o', 'a'])
    expect(key('Tromsø Havn KF')).toBe('tromso havn')
    expect(key('Société Générale S.A.')).toBe('societe generale')
  })

  it('keeps a word with an apostrophe inside whole (possessives, O\'Brien, one lost to U+FFFD)', () => {
    expect(key("Barnardo's")).toBe(key('BARNARDOS'))
    expect(key("MACKESY'S")).toBe('mackesys')
    expect(key('O’Brien & Sons Ltd')).toBe(key('OBRIEN AND SONS'))
    expect(key('JULIE\uFFFDS BICYCLE')).toBe(key("Julie's Bicycle Ltd"))
    // An apostrophe at a word's edge is still a break.
    expect(matchTokens("Kids' Club")).toEqual(['kids', 'club'])
  })

  it('cuts trading-as forms and keeps both names', () => {
    const expected = {key: 'j smith', tradingAs: 'smith plumbing'}
    for (const name of ['J Smith T/A Smith Plumbing', 'J SMITH t/a SMITH PLUMBING LTD', 'J Smith trading as Smith Plumbing', 'J Smith (tradingas Smith Plumbing)', 'J Smith t / a Smith Plumbing', 'J. Smith T/AS Smith Plumbing']) {
      expect(matchName(name, forms), name).toEqual(expected)
    }
    expect(matchName('Acme Ltd', forms)).toEqual({key: 'acme', tradingAs: null})
    expect(matchName('T/A Smith Plumbing', forms)).toEqual({key: 'smith plumbing', tradingAs: null})
    // Words that merely start alike are not a trading-as form.
    expect(matchName('Smith Trading Associates Ltd', forms)).toEqual({key: 'smith trading associates', tradingAs: null})
    expect(matchName('Art/Antiques Ltd', forms).tradingAs).toBeNull()
  })

  it('is idempotent on every name in the tests and on every legal form itself', () => {
    const names = [...Object.values(SAME).flat(), 'AS', 'A/S', 'The', 'the the foo', 'Foo the', 'x & co & co']
    for (const row of forms) names.push(row.form, ...row.variants, `Foo ${row.form}`)
    for (const name of names) {
      const once = key(name)
      expect(key(once), name).toBe(once)
      expect(once, name).not.toBe('')
    }
  })

  it('strips every form and every spelling in the table from the end of a name', () => {
    for (const row of forms) {
      for (const spelling of [row.form, ...row.variants]) expect(key(`Bergen Bygg ${spelling}`), `${row.form}: ${spelling}`).toBe('bergen bygg')
    }
  })
})

describe('fingerprint and ngramFingerprint', () => {
  it('collide for reordered and repeated words', () => {
    expect(fingerprint(key('Accenture UK Ltd'))).toBe(fingerprint(key('UK Accenture Limited')))
    expect(fingerprint('b a b c')).toBe('a b c')
    expect(fingerprint('')).toBe('')
  })

  it('collide for spacing differences with character n-grams', () => {
    expect(ngramFingerprint(key('Price Waterhouse Coopers'))).toBe(ngramFingerprint(key('PricewaterhouseCoopers LLP')))
    expect(ngramFingerprint('abab')).toBe('abba')
    expect(ngramFingerprint('abcd', 3)).toBe('abcbcd')
    expect(ngramFingerprint('a')).toBe('a')
    expect(() => ngramFingerprint('abc', 0)).toThrow()
  })

  it('sort by code point, not by locale', () => {
    const words = ['zebra', 'ångström', 'apple', 'Zoo', 'éclair', '𝔘nicode', '\uffe0x']
    const byCodePoint = [...words].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    // Outside the BMP, UTF-16 order and code-point order differ: code point puts U+1D518 after U+FFE0.
    expect([...words].sort(codePointCompare)).toEqual([...byCodePoint.filter((w) => w !== '𝔘nicode'), '𝔘nicode'])
    expect(fingerprint('ø a å z')).toBe('a o z')
    expect(codePointCompare('a\u{1F600}', 'a\uffe0')).toBeGreaterThan(0)
    expect(codePointCompare('ab', 'a')).toBeGreaterThan(0)
    expect(codePointCompare('\u{1F600}', '\u{1F601}')).toBeLessThan(0)
    expect(codePointCompare('x', 'x')).toBe(0)
  })

  it('give the same output in other locales and time zones', () => {
    // The pure module imports nothing, so it runs on its own in a child Node with another locale.
    const js = ts.transpileModule(readFileSync(join(ROOT, 'src/model/entity-name.ts'), 'utf8'), {
      compilerOptions: {module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022},
    }).outputText
    const names = Object.values(SAME).flat()
    const run = (n: string) => {
      const k = matchName(n, forms).key
      return [k, fingerprint(k), ngramFingerprint(k), ngramFingerprint(k, 3)]
    }
    const here = JSON.stringify(names.map(run))
    const script = `
      const m = await import(process.argv[1])
      const forms = JSON.parse(process.argv[2])
      const names = JSON.parse(process.argv[3])
      process.stdout.write(JSON.stringify(names.map((n) => { const k = m.matchName(n, forms).key; return [k, m.fingerprint(k), m.ngramFingerprint(k), m.ngramFingerprint(k, 3)] })))`
    const dir = mkdtempSync(join(tmpdir(), 'entity-name-'))
    try {
      const module = join(dir, 'entity-name.mjs')
      writeFileSync(module, js)
      for (const lang of ['tr_TR.UTF-8', 'nb_NO.UTF-8', 'de_DE.UTF-8', 'C']) {
        const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, pathToFileURL(module).href, JSON.stringify(forms), JSON.stringify(names)], {
          env: {...process.env, LANG: lang, LC_ALL: lang, LANGUAGE: lang, TZ: 'Pacific/Kiritimati'},
          encoding: 'utf8',
        })
        expect(out, lang).toBe(here)
      }
    } finally {
      rmSync(dir, {recursive: true, force: true})
    }
  })
})

describe('the legal-form table', () => {
  it('is found from the package root', () => {
    expect(LEGAL_FORMS_FILE).toMatch(/data[\\/]legal-forms\.csv$/)
  })

  it('parses, names a source on every row, and lists each spelling once (case-insensitive)', () => {
    const text = readFileSync(LEGAL_FORMS_FILE, 'utf8')
    const rows = parseLegalForms(text)
    expect(rows.length).toBe(text.trim().split('\n').length - 1)
    const spellings = rows.flatMap((r) => r.variants.map((v) => v.toLowerCase()))
    expect(new Set(spellings).size).toBe(spellings.length)
    for (const r of rows) {
      expect(r.source, r.form).not.toBe('')
      expect(r.country.length, r.form).toBeGreaterThan(0)
      for (const c of r.country) expect(c, r.form).toMatch(/^[A-Z]{2}$/)
      for (const l of r.language) expect(l, r.form).toMatch(/^[a-z]{2}$/)
    }
    for (const form of ['Ltd', 'PLC', 'LLP', 'LLC', 'Inc', 'Corp', 'Co', 'CIC', 'AS', 'ASA', 'ANS', 'DA', 'NUF', 'SA', 'BA', 'KF', 'IKS', 'S.A.', 'S.A. de C.V.', 'S.R.L.', 'S.L.', 'S.A.S.', 'S. de R.L.', 'GmbH', 'AG', 'KG', 'BV', 'NV', 'AB', 'Oy', 'Oyj', 'ApS', 'A/S', 'S.p.A.', 'SARL', 'Sp. z o.o.']) {
      expect(rows.map((r) => r.form), form).toContain(form)
    }
  })

  it('rejects a spelling listed twice, a row without source and a missing column, with file:line', () => {
    const head = 'form,variants,country,language,source\n'
    expect(() => parseLegalForms(`${head}Ltd,ltd;limited,GB,en,x\nLimited,Limited,GB,en,x\n`, 'f.csv')).toThrow(/"Limited" is already listed on line 2/)
    try {
      parseLegalForms(`${head}Ltd,ltd,GB,en,\n`, 'f.csv')
      expect.unreachable()
    } catch (error) {
      expect((error as {where: string}).where).toBe('f.csv:2')
    }
    expect(() => parseLegalForms('form,variants\nLtd,ltd\n', 'f.csv')).toThrow(/no country column/)
    expect(() => parseLegalForms('', 'f.csv')).toThrow(/empty/)
  })
})
