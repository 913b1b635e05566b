import {beforeAll, describe, expect, it} from 'vitest'
import {comparePersons, personOf} from '../../../src/analysis/entities/individuals.js'
import {jaroWinkler} from '../../../src/analysis/entities/jaro.js'
import {compareKeys, indexKeys} from '../../../src/analysis/entities/similarity.js'
import {type NameStat, REDACTED_NAME, suggestEntities} from '../../../src/analysis/entities/suggest.js'
import {loadLegalForms} from '../../../src/io/read/legal-forms.js'
import type {CrosswalkRow} from '../../../src/model/crosswalk.js'
import {codePointCompare, type LegalForm, matchName, matchTokens} from '../../../src/model/entity-name.js'
import {REDACTED_KEY} from '../../../src/model/supplier.js'

let forms: LegalForm[]
beforeAll(async () => {
  forms = await loadLegalForms()
})

const stat = (variant: string, rows = 1, supplier_id: string | null = null): NameStat => ({variant, supplier_id, rows})
const suggest = (names: NameStat[]) => suggestEntities(names, {forms})
const rowOf = (out: CrosswalkRow[], variant: string, id: string | null = null) => {
  const r = out.find((x) => x.variant === variant && x.supplier_id === id)
  if (!r) throw new Error(`no row for ${variant}`)
  return r
}
/** Whether two variants are merged automatically into one entity. */
const merged = (out: CrosswalkRow[], a: string, b: string) => {
  const ra = rowOf(out, a)
  const rb = rowOf(out, b)
  return ra.decision === 'auto' && rb.decision === 'auto' && ra.entity_key === rb.entity_key
}

describe('suggestEntities: identifiers', () => {
  it('makes one entity of one id whatever its names, keyed by the id, named by its main variant', () => {
    const out = suggest([stat('Acme Widgets Ltd', 5, 'GB-COH-1'), stat('Zenith Trading', 9, 'GB-COH-1')])
    expect(out.map((r) => r.entity_key)).toEqual(['GB-COH-1', 'GB-COH-1'])
    expect(out.every((r) => r.entity_name === 'Zenith Trading' && r.evidence === 'id GB-COH-1' && r.decision === 'auto')).toBe(true)
  })

  it('never joins two ids, not even through a chain of name matches', () => {
    const out = suggest([stat('ACME LTD', 3, 'GB-COH-1'), stat('Acme Limited', 2, 'GB-COH-2'), stat('ACME', 4)])
    const a = rowOf(out, 'ACME LTD', 'GB-COH-1')
    const b = rowOf(out, 'Acme Limited', 'GB-COH-2')
    const c = rowOf(out, 'ACME')
    expect(a.entity_key).not.toBe(b.entity_key)
    // The name-only variant matches both ids equally: it joins neither.
    expect([a.entity_key, b.entity_key]).not.toContain(c.entity_key)
  })

  it('joins a name-only variant to the one id cluster whose variant has its key', () => {
    const out = suggest([stat('Beta Services Ltd', 3, 'GB-COH-7'), stat('BETA SERVICES LIMITED', 2)])
    expect(rowOf(out, 'BETA SERVICES LIMITED').entity_key).toBe('GB-COH-7')
    expect(rowOf(out, 'BETA SERVICES LIMITED').evidence).toBe('key')
  })
})

describe('suggestEntities: key collision', () => {
  it('merges equal matching keys (legal forms, case, punctuation, &/and) and keys the entity by the main variant', () => {
    const out = suggest([stat('ACCENTURE (UK) LTD', 2), stat('Accenture UK Limited', 7), stat('Smith & Sons', 1), stat('SMITH AND SONS LTD', 1)])
    expect(merged(out, 'ACCENTURE (UK) LTD', 'Accenture UK Limited')).toBe(true)
    expect(rowOf(out, 'ACCENTURE (UK) LTD').entity_name).toBe('Accenture UK Limited')
    expect(rowOf(out, 'ACCENTURE (UK) LTD').entity_key).toBe(matchName('Accenture UK Limited', forms).key)
    expect(merged(out, 'Smith & Sons', 'SMITH AND SONS LTD')).toBe(true)
    expect(merged(out, 'Smith & Sons', 'Accenture UK Limited')).toBe(false)
  })

  it('merges equal fingerprints (word order) with that evidence', () => {
    const out = suggest([stat('Green Valley Farms Ltd', 3), stat('Valley Green Farms', 1)])
    expect(merged(out, 'Green Valley Farms Ltd', 'Valley Green Farms')).toBe(true)
    expect(rowOf(out, 'Valley Green Farms').evidence).toBe('fingerprint')
  })

  it('merges equal n-gram fingerprints automatically only for long keys, and never across numerals', () => {
    const long = suggest([stat('PRICE WATERHOUSE COOPERS', 3), stat('PRICEWATERHOUSECOOPERS', 1)])
    expect(merged(long, 'PRICE WATERHOUSE COOPERS', 'PRICEWATERHOUSECOOPERS')).toBe(true)
    expect(rowOf(long, 'PRICEWATERHOUSECOOPERS').evidence).toBe('ngram')
    const short = suggest([stat('AB CO', 3), stat('A BCO', 1)])
    expect(merged(short, 'AB CO', 'A BCO')).toBe(false)
    const numerals = suggest([stat('SOLAR STAR ARIZONA II LLC', 1), stat('SOLAR STAR ARIZONA III LLC', 1)])
    expect(merged(numerals, 'SOLAR STAR ARIZONA II LLC', 'SOLAR STAR ARIZONA III LLC')).toBe(false)
  })

  it('reads the legal name before a legal form inside the name or a trailing bracket', () => {
    const out = suggest([stat('Security Plus Ltd', 4), stat('Security Plus Ltd (Float)', 1), stat('NEOPOST LTD RCB CREDIFON A/C', 1), stat('Neopost Limited', 2)])
    expect(merged(out, 'Security Plus Ltd', 'Security Plus Ltd (Float)')).toBe(true)
    expect(merged(out, 'Neopost Limited', 'NEOPOST LTD RCB CREDIFON A/C')).toBe(true)
    expect(rowOf(out, 'Security Plus Ltd (Float)').evidence).toBe('legal name')
    // A bracket inside the legal name is part of it.
    const kept = suggest([stat('Savills (UK) Ltd', 1), stat('SAVILLS (L & P) LIMITED', 1)])
    expect(merged(kept, 'Savills (UK) Ltd', 'SAVILLS (L & P) LIMITED')).toBe(false)
  })
})

describe('suggestEntities: similarity', () => {
  /** Filler names so that common words are common in the input, as in a real file. */
  const filler = ['Alpha', 'Bravo', 'Delta', 'Echo', 'Foxtrot', 'Golf', 'Hotel', 'India', 'Juliet', 'Kilo', 'Lima', 'Mike'].flatMap((w) => [stat(`${w} Care Services`), stat(`${w} Council`)])

  it('merges a misspelling of a rare word automatically', () => {
    const out = suggest([...filler, stat('Broomheads Estate Agents', 3), stat('Broomheads Estates Agents', 1), stat('Oxford Round Table Charitable Trust', 2), stat('Oxford Round Table Cahritable Trust', 1)])
    expect(merged(out, 'Broomheads Estate Agents', 'Broomheads Estates Agents')).toBe(true)
    expect(merged(out, 'Oxford Round Table Charitable Trust', 'Oxford Round Table Cahritable Trust')).toBe(true)
    expect(rowOf(out, 'Oxford Round Table Cahritable Trust').evidence).toMatch(/^similar 0\.\d{3} to "Oxford Round Table Charitable Trust"$/)
  })

  it('does not merge names that share only common words', () => {
    const out = suggest([...filler, stat('Zulu Care Services', 1), stat('Yankee Care Services', 1)])
    expect(merged(out, 'Zulu Care Services', 'Yankee Care Services')).toBe(false)
    expect(rowOf(out, 'Zulu Care Services').decision).toBe('auto')
  })

  it('weighs common words less than rare ones', () => {
    const index = indexKeys(filler.map((f) => matchName(f.variant, forms).key))
    const w = (t: string) => index.weight.get(t) as number
    expect(w('services')).toBeLessThan(w('alpha'))
    expect(w('council')).toBeLessThan(w('alpha'))
  })

  it('proposes a group-structure variant (X Services, X Group) for review, never merges it', () => {
    const out = suggest([...filler, stat('EC HARRIS LLP', 3), stat('EC HARRIS SERVICES LTD', 1)])
    expect(merged(out, 'EC HARRIS LLP', 'EC HARRIS SERVICES LTD')).toBe(false)
    const review = rowOf(out, 'EC HARRIS SERVICES LTD')
    expect(review.decision).toBe('review')
    expect(review.entity_key).toBe(rowOf(out, 'EC HARRIS LLP').entity_key)
  })

  it('never merges names that start differently', () => {
    const out = suggest([...filler, stat('The Conservation Volunteers', 3), stat('Oxford Conservation Volunteers', 1)])
    expect(merged(out, 'The Conservation Volunteers', 'Oxford Conservation Volunteers')).toBe(false)
  })
})

describe('suggestEntities: individuals', () => {
  it('detects person-like names and not organisations', () => {
    const p = (v: string) => personOf(v, matchTokens(v))
    expect(p('SMITH, JOHN')).toEqual({title: null, forenames: ['john'], surname: 'smith'})
    expect(p('J Smith')).toEqual({title: null, forenames: ['j'], surname: 'smith'})
    expect(p('Smith J')).toEqual({title: null, forenames: ['j'], surname: 'smith'})
    expect(p('Mr John Smith')?.title).toBe('mr')
    expect(p('Smith Plumbing')).toBeNull()
    expect(p('J Smith Services')).toBeNull()
    expect(comparePersons(p('J Smith') as never, p('K Smith') as never)).toBe('never')
  })

  it('merges the same words, reviews an initial for a forename, and never merges by surname alone', () => {
    const out = suggest([stat('SMITH, JOHN', 2), stat('John Smith', 5), stat('J Smith', 1), stat('K Smith', 1), stat('Mr J Smith', 1), stat('Mrs J Smith', 1)])
    expect(merged(out, 'SMITH, JOHN', 'John Smith')).toBe(true)
    expect(merged(out, 'J Smith', 'K Smith')).toBe(false)
    expect(merged(out, 'J Smith', 'John Smith')).toBe(false)
    expect(merged(out, 'Mr J Smith', 'Mrs J Smith')).toBe(false)
    expect(rowOf(out, 'K Smith').entity_key).not.toBe(rowOf(out, 'J Smith').entity_key)
    expect(merged(out, 'Mr J Smith', 'J Smith')).toBe(false)
    expect(comparePersons(personOf('J Smith', ['j', 'smith']) as never, personOf('John Smith', ['john', 'smith'], true) as never)).toBe('compatible')
  })
})

describe('suggestEntities: redacted, trading-as, keys and order', () => {
  it('puts redacted and blank names in one labelled bucket, never merged into a supplier', () => {
    const out = suggest([stat('Redacted, personal data', 4), stat('', 2), stat('Name Withheld', 1), stat('REDACTIVE MEDIA SALES LTD', 1)])
    for (const v of ['Redacted, personal data', '', 'Name Withheld']) {
      expect(rowOf(out, v)).toMatchObject({entity_key: REDACTED_KEY, entity_name: REDACTED_NAME, evidence: 'redacted', decision: 'auto'})
    }
    expect(rowOf(out, 'REDACTIVE MEDIA SALES LTD').entity_key).not.toBe(REDACTED_KEY)
  })

  it('gives a name that is another variant\'s trading name a review', () => {
    const out = suggest([stat('J Smith t/a Smith Plumbing', 4), stat('Smith Plumbing Ltd', 1)])
    const r = rowOf(out, 'Smith Plumbing Ltd')
    expect(r.decision).toBe('review')
    expect(r.evidence).toBe('trading as "J Smith t/a Smith Plumbing"')
    expect(r.entity_key).toBe(rowOf(out, 'J Smith t/a Smith Plumbing').entity_key)
  })

  it('keeps entity keys unique across clusters, suffixing the smaller one', () => {
    // "Redacted Ltd" is a real name whose matching key is the placeholder's.
    const out = suggest([stat('Redacted Ltd', 1), stat('Redacted, personal data', 1)])
    expect(rowOf(out, 'Redacted Ltd').entity_key).toBe(`${REDACTED_KEY} #2`)
  })

  it('sorts by entity key, variant and id, scores in 0..1 to 3 decimals, one row per (variant, id)', () => {
    const names = [stat('ACME Ltd', 3), stat('ACME Ltd', 1, 'GB-COH-9'), stat('Zeta', 1), stat('Acme Limited', 1), stat('Beta', 2)]
    const out = suggest(names)
    expect(out.length).toBe(names.length)
    const sorted = [...out].sort((a, b) => codePointCompare(a.entity_key, b.entity_key) || codePointCompare(a.variant, b.variant) || (a.supplier_id === null ? -1 : b.supplier_id === null ? 1 : codePointCompare(a.supplier_id, b.supplier_id)))
    expect(out).toEqual(sorted)
    for (const {score} of out) expect(score !== null && score >= 0 && score <= 1 && Math.round(score * 1000) === score * 1000).toBe(true)
  })

  it('gives the same crosswalk whatever the input order', () => {
    const names = [
      stat('ACCENTURE (UK) LTD', 2), stat('Accenture UK Limited', 7), stat('Broomheads Estate Agents', 3), stat('Broomheads Estates Agents', 3),
      stat('SMITH, JOHN', 2), stat('John Smith', 2), stat('J Smith', 1), stat('ACME', 1), stat('ACME LTD', 1, 'GB-COH-1'), stat('Acme Limited', 1, 'GB-COH-2'),
      stat('Redacted', 1), stat('EC HARRIS LLP', 1), stat('EC HARRIS SOLUTIONS LTD', 1), stat('J Smith t/a Smith Plumbing', 1), stat('Smith Plumbing', 1),
    ]
    const first = JSON.stringify(suggest(names))
    let seed = 7
    for (let round = 0; round < 10; round++) {
      const shuffled = [...names]
      for (let i = shuffled.length - 1; i > 0; i--) {
        seed = (seed * 48271) % 2147483647
        const j = seed % (i + 1)
        ;[shuffled[i], shuffled[j]] = [shuffled[j] as NameStat, shuffled[i] as NameStat]
      }
      expect(JSON.stringify(suggest(shuffled))).toBe(first)
    }
  })
})

describe('similarity helpers', () => {
  it('Jaro-Winkler: equal 1, disjoint 0, the textbook pair', () => {
    expect(jaroWinkler('abc', 'abc')).toBe(1)
    expect(jaroWinkler('abc', 'xyz')).toBe(0)
    expect(jaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4)
    expect(jaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4)
  })

  it('compareKeys lists the unmatched words and notices words that only look alike', () => {
    const index = indexKeys(['oxford economics', 'oxford ergonomics', 'acme', 'acme services'])
    expect(compareKeys(index, 0, 1).fuzzy).toBe(true)
    expect(compareKeys(index, 2, 3).unmatched).toEqual(['services'])
    expect(compareKeys(index, 2, 3).firstMatch).toBe(true)
  })
})
