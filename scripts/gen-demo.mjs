#!/usr/bin/env node
/**
 * Generate the bundled demo data set, fixtures/demo/, deterministically.
 *
 *   node scripts/gen-demo.mjs [--out DIR]
 *
 * Eleven fictional public bodies over 2023-2024, each in the layout real publishers use:
 * - a UK central department (GBP), HM Treasury "spend over £25,000" monthly CSVs;
 * - two Norwegian state agencies (NOK), semicolon CSV supplier ledgers with decimal
 *   commas, dd.mm.yyyy dates and valid mod-11 organisation numbers;
 * - eight English councils (GBP) publishing their spend over £500 (one over £25,000), for
 *   benchmarking (scripts/gen-demo-councils.mjs).
 * Beside DIR it writes DIR-sizes.csv (the councils' population per year, for `--size`):
 * outside DIR, since `spend import DIR` takes every CSV in it as spend.
 *
 * Every number comes from seeded PRNG streams (mulberry32), one per group of bodies, walked
 * in a fixed order, so the output is byte-identical on every run and machine: no clock, no
 * Math.random, no locale. test/demo.test.ts regenerates into a temp dir and compares.
 */
import {mkdirSync, writeFileSync} from 'node:fs'
import {dirname, join, resolve} from 'node:path'
import {fileURLToPath} from 'node:url'
import iconv from 'iconv-lite'
import {mulberry32} from '../bench/lib/prng.mjs'
import {councilSizes, councilsReadme, generateCouncils} from './gen-demo-councils.mjs'

const YEARS = [2023, 2024]
const REDACTED = 'REDACTED PERSONAL DATA'

// ---------------------------------------------------------------- randomness

/** Helpers bound to one stream. */
function makeRng(seed) {
  const next = mulberry32(seed)
  const rng = {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
    /** Standard normal via Box-Muller (one value per call; simple beats clever here). */
    normal: () => {
      const u = 1 - next()
      const v = next()
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
    },
    /** Pick an index with probability proportional to weights[i]. */
    weighted: (weights, total) => {
      let r = next() * total
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i]
        if (r < 0) return i
      }
      return weights.length - 1
    },
    shuffle: (arr) => {
      for (let i = arr.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1))
        ;[arr[i], arr[j]] = [arr[j], arr[i]]
      }
      return arr
    },
  }
  return rng
}

// ---------------------------------------------------------------- formatting

const pad2 = (n) => String(n).padStart(2, '0')

/** Group an integer string in threes with `sep`. */
function groupThousands(digits, sep) {
  let out = ''
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += sep
    out += digits[i]
  }
  return out
}

/** Minor units to `1,234.50` (UK) or `1 234,50` / `1234,50` (Norway), exact, no Intl. */
function formatAmount(minor, {thousands, decimal}) {
  const neg = minor < 0
  const abs = Math.abs(minor)
  const whole = String(Math.floor(abs / 100))
  const frac = pad2(abs % 100)
  return `${neg ? '-' : ''}${thousands ? groupThousands(whole, thousands) : whole}${decimal}${frac}`
}

/** Quote a CSV cell when it holds the delimiter, a quote or a line break. */
function cell(value, delimiter) {
  const s = String(value)
  if (s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) {
    return `"${s.replaceAll('"', '""')}"`
  }
  return s
}

const csvLine = (cells, delimiter) => cells.map((c) => cell(c, delimiter)).join(delimiter)

/** Business days (Mon-Fri) of a month; Date.UTC is pure arithmetic, no clock or TZ. */
function businessDays(year, month) {
  const days = []
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate()
  for (let d = 1; d <= last; d++) {
    const dow = new Date(Date.UTC(year, month - 1, d)).getUTCDay()
    if (dow !== 0 && dow !== 6) days.push(d)
  }
  return days
}

/** Log-normal amount in minor units around `median` (major units). */
function logNormalMinor(rng, median, sigma) {
  return Math.round(median * Math.exp(sigma * rng.normal()) * 100)
}

// ---------------------------------------------------------------- Norwegian organisation numbers

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2]

/**
 * Check digit for the first eight digits, or null when the remainder makes it invalid.
 *
 * @example orgnrCheckDigit('97476067') // 3 (974760673 is valid)
 */
export function orgnrCheckDigit(first8) {
  let sum = 0
  for (let i = 0; i < 8; i++) sum += Number(first8[i]) * ORGNR_WEIGHTS[i]
  const rest = sum % 11
  if (rest === 0) return 0
  if (rest === 1) return null // 11 - 1 = 10 is not a digit: no valid number with this prefix
  return 11 - rest
}

/** A fresh valid 9-digit organisation number starting with 8 or 9 (unique within `used`). */
function makeOrgnr(rng, used) {
  for (;;) {
    const first8 = `${rng.pick(['8', '9', '9'])}${String(rng.int(0, 9_999_999)).padStart(7, '0')}`
    const check = orgnrCheckDigit(first8)
    if (check === null) continue
    const nr = first8 + check
    if (used.has(nr)) continue
    used.add(nr)
    return nr
  }
}

// ---------------------------------------------------------------- suppliers

const UK_STEMS = [
  'Northgate', 'Ashford', 'Bluewater', 'Crownhill', 'Summit', 'Pennine', 'Thameside', 'Severn', 'Redwood',
  'Kestrel', 'Harbour', 'Meridian', 'Oakfield', 'Greystone', 'Westbury', 'Castlegate', 'Brightwater', 'Lakeland',
  'Ironbridge', 'Fenland', 'Cotswold', 'Marlow', 'Highpoint', 'Ridgeway', 'Stonebridge', 'Clearview', 'Fairhaven',
  'Halden', 'Kingsmead', 'Longford', 'Millbrook', 'Newhaven', 'Orchard', 'Parkside', 'Queensway', 'Riverside',
  'Saxon', 'Tidewater', 'Unity', 'Vantage', 'Wessex', 'Yorkshire', 'Beacon', 'Chiltern', 'Dovetail', 'Elmstead',
  'Foxley', 'Granite', 'Heron', 'Ivel', 'Juniper', 'Keystone', 'Lindum', 'Mercia', 'Norfolk', 'Osprey',
]
const UK_SURNAMES = ['Baker', 'Clarke', 'Davies', 'Evans', 'Fletcher', 'Grant', 'Hughes', 'Irving', 'Jones', 'Khan',
  'Lewis', 'Morgan', 'Nash', 'Owen', 'Patel', 'Reid', 'Shaw', 'Turner', 'Walsh', 'Young']

/** UK expense types: weight (share of rows), median amount (GBP), sigma, supplier pool size, Zipf exponent, trend. */
const UK_CATEGORIES = [
  {name: 'IT Services', sector: ['Digital', 'Technology', 'Systems', 'Data Services'], w: 14, median: 85_000, sigma: 0.9, pool: 30, zipf: 1.1, trend: 1.25},
  {name: 'Software Licences', sector: ['Software', 'Cloud Services', 'Solutions'], w: 7, median: 60_000, sigma: 1.0, pool: 12, zipf: 1.6, trend: 1.3},
  {name: 'Consultancy', sector: ['Consulting', 'Advisory', 'Partners'], w: 10, median: 70_000, sigma: 0.8, pool: 28, zipf: 0.9, trend: 0.7},
  {name: 'Professional Fees', sector: ['Associates', 'Professional Services'], w: 5, median: 40_000, sigma: 0.6, pool: 20, zipf: 0.7, trend: 1.0},
  {name: 'Legal Services', sector: ['Legal LLP', 'Solicitors LLP'], w: 4, median: 45_000, sigma: 0.7, pool: 10, zipf: 1.0, trend: 1.0},
  {name: 'Facilities Management', sector: ['Facilities', 'FM Services', 'Property Services'], w: 8, median: 120_000, sigma: 0.5, pool: 6, zipf: 2.0, trend: 1.05},
  {name: 'Construction Works', sector: ['Construction', 'Building Contractors', 'Civil Engineering'], w: 8, median: 250_000, sigma: 1.1, pool: 24, zipf: 0.9, trend: 1.15},
  {name: 'Capital - Buildings', sector: ['Developments', 'Construction Group'], w: 3, median: 600_000, sigma: 0.9, pool: 6, zipf: 1.2, trend: 1.4},
  {name: 'Rent', sector: ['Estates', 'Property Holdings'], w: 5, median: 180_000, sigma: 0.3, pool: 5, zipf: 1.5, trend: 1.03},
  {name: 'Utilities', sector: ['Energy', 'Water Services', 'Power'], w: 4, median: 90_000, sigma: 0.4, pool: 3, zipf: 2.5, trend: 0.85},
  {name: 'Telecommunications', sector: ['Telecom', 'Networks', 'Communications'], w: 3, median: 55_000, sigma: 0.5, pool: 4, zipf: 2.0, trend: 1.0},
  {name: 'Agency Staff', sector: ['Recruitment', 'Resourcing', 'Staffing'], w: 8, median: 45_000, sigma: 0.5, pool: 18, zipf: 1.2, trend: 0.8},
  {name: 'Training', sector: ['Training', 'Learning', 'Academy'], w: 3, median: 32_000, sigma: 0.4, pool: 14, zipf: 0.6, trend: 1.0},
  {name: 'Research & Development', sector: ['Research', 'Analytics', 'Institute'], w: 4, median: 90_000, sigma: 0.8, pool: 16, zipf: 0.8, trend: 1.1},
  {name: 'Marketing & Communications', sector: ['Media', 'Creative', 'Communications'], w: 3, median: 50_000, sigma: 0.6, pool: 12, zipf: 1.0, trend: 0.9},
  {name: 'Security Services', sector: ['Security', 'Guarding Services'], w: 3, median: 65_000, sigma: 0.4, pool: 4, zipf: 1.8, trend: 1.0},
  {name: 'Travel & Subsistence', sector: ['Travel', 'Travel Management'], w: 2, median: 35_000, sigma: 0.4, pool: 3, zipf: 2.5, trend: 1.1},
  {name: 'Grants to Local Authorities', sector: null, w: 4, median: 400_000, sigma: 1.0, pool: 14, zipf: 0.5, trend: 1.0},
  {name: 'Compensation Payments', sector: null, w: 1.5, median: 40_000, sigma: 0.6, pool: 0, zipf: 1, trend: 1.0},
]
const UK_COUNCILS = ['Northshire County Council', 'Eastmoor District Council', 'Westvale Borough Council',
  'Southport City Council', 'Midlea Metropolitan Borough Council', 'Highdale Council', 'Riverford City Council',
  'Lowfield District Council', 'Kingsbridge Borough Council', 'Greyton County Council', 'Ashcombe Council',
  'Brookmere City Council', 'Cranleigh District Council', 'Dunmore Borough Council']
const UK_AREAS = ['Digital & Technology', 'Estates', 'Corporate Services', 'Policy & Strategy', 'Operations North',
  'Operations South', 'Finance', 'People & HR', 'Communications', 'Local Delivery', 'Programme Office']

/** Name variants a UK finance system produces for one company over the years. */
function ukVariants(base, form) {
  const longForm = {Ltd: 'Limited', plc: 'Public Limited Company', LLP: 'LLP'}[form]
  const v = [`${base} ${form}`, `${base} ${form}`.toUpperCase(), `${base} ${longForm}`, `${base} ${form}.`]
  if (base.includes(' & ')) v.push(`${base.replace(' & ', ' and ')} ${form}`)
  return v
}

function buildUkSuppliers(rng) {
  const used = new Set()
  const byCategory = new Map()
  const all = []
  for (const cat of UK_CATEGORIES) {
    const pool = []
    if (cat.sector === null && cat.pool > 0) {
      // Grants go to councils: a fixed, realistic set, no legal form.
      for (const name of rng.shuffle([...UK_COUNCILS]).slice(0, cat.pool)) {
        pool.push({variants: [name, name.toUpperCase(), name.replace(' Council', ' Cncl')], size: 1})
      }
    }
    for (let i = 0; cat.sector && i < cat.pool; i++) {
      let base
      do {
        const style = rng.next()
        if (style < 0.15) base = `${rng.pick(UK_SURNAMES)} & ${rng.pick(UK_SURNAMES)} ${rng.pick(cat.sector)}`
        else if (style < 0.25) base = `${rng.pick(UK_SURNAMES)} ${rng.pick(cat.sector)}`
        else base = `${rng.pick(UK_STEMS)} ${rng.pick(cat.sector)}`
      } while (used.has(base))
      used.add(base)
      const form = cat.sector[0].endsWith('LLP') ? null : rng.chance(0.12) ? 'plc' : 'Ltd'
      const variants = form ? ukVariants(base, form) : [base, base.toUpperCase(), base.replace(' LLP', ' L.L.P.')]
      pool.push({variants, size: Math.exp(0.5 * rng.normal())})
    }
    byCategory.set(cat.name, pool)
    all.push(...pool)
  }
  // Year-specific spelling: a 2024 finance-system change upper-cases some suppliers.
  for (const s of all) {
    s.yearVariant = {2023: 0, 2024: rng.chance(0.35) ? 1 : rng.chance(0.15) ? 2 : 0}
  }
  return byCategory
}

const NO_PLACES = ['Bergen', 'Oslo', 'Trondheim', 'Stavanger', 'Tromsø', 'Bodø', 'Ålesund', 'Drammen',
  'Kristiansand', 'Fredrikstad', 'Hamar', 'Lillehammer', 'Molde', 'Haugesund', 'Harstad', 'Narvik', 'Gjøvik',
  'Sandnes', 'Førde', 'Kongsberg', 'Sogndal', 'Voss', 'Røros', 'Alta', 'Mosjøen', 'Steinkjer', 'Larvik', 'Halden']
const NO_SURNAMES = ['Hansen', 'Johansen', 'Olsen', 'Larsen', 'Andersen', 'Pedersen', 'Nilsen', 'Kristiansen',
  'Jensen', 'Karlsen', 'Haugen', 'Berg', 'Dahl', 'Lie', 'Solberg', 'Bakken', 'Strand', 'Holm', 'Ødegård', 'Sæther']

/** Norwegian accounts (standard kontoplan, classes 6-7), weights, medians in NOK, pools, trends by year. */
const NO_ACCOUNTS = [
  {konto: '6300', navn: 'Leie lokaler', sector: ['Eiendom', 'Næringseiendom'], w: 4, median: 310_000, sigma: 0.3, pool: 3, zipf: 2.0, trend: 1.04},
  {konto: '6340', navn: 'Lys, varme', sector: ['Energi', 'Kraft'], w: 4, median: 48_000, sigma: 0.6, pool: 2, zipf: 2.5, trend: 0.7},
  {konto: '6360', navn: 'Renhold', sector: ['Renhold', 'Rengjøring', 'Service'], w: 5, median: 36_000, sigma: 0.4, pool: 5, zipf: 1.5, trend: 1.05},
  {konto: '6420', navn: 'Leie datasystemer', sector: ['Data', 'IT', 'Skytjenester'], w: 8, median: 55_000, sigma: 1.0, pool: 14, zipf: 1.4, trend: 1.3},
  {konto: '6551', navn: 'Datautstyr (hardware)', sector: ['Data', 'IT-utstyr', 'Datasenter'], w: 6, median: 28_000, sigma: 1.0, pool: 10, zipf: 1.2, trend: 1.0},
  {konto: '6552', navn: 'Programvare (software)', sector: ['Programvare', 'Software', 'Systemer'], w: 5, median: 42_000, sigma: 1.1, pool: 14, zipf: 1.1, trend: 1.2},
  {konto: '6620', navn: 'Reparasjon og vedlikehold bygninger', sector: ['Bygg', 'Elektro', 'Rør', 'Ventilasjon', 'Maling', 'Glass'], w: 8, median: 24_000, sigma: 1.0, pool: 40, zipf: 0.6, trend: 1.1},
  {konto: '6700', navn: 'Konsulenttjenester', sector: ['Rådgivning', 'Consulting', 'Analyse'], w: 9, median: 120_000, sigma: 1.0, pool: 30, zipf: 1.0, trend: 0.8},
  {konto: '6705', navn: 'Revisjons- og regnskapshonorar', sector: ['Revisjon', 'Regnskap'], w: 2, median: 60_000, sigma: 0.5, pool: 4, zipf: 1.5, trend: 1.0},
  {konto: '6720', navn: 'Juridisk bistand', sector: ['Advokatfirma'], w: 3, median: 85_000, sigma: 0.8, pool: 8, zipf: 1.1, trend: 1.0},
  {konto: '6790', navn: 'Annen fremmed tjeneste', sector: ['Service', 'Tjenester', 'Transport', 'Vakt og Sikring'], w: 7, median: 22_000, sigma: 1.0, pool: 40, zipf: 0.7, trend: 1.0},
  {konto: '6800', navn: 'Kontorrekvisita', sector: ['Kontorservice', 'Kontor', 'Papir'], w: 6, median: 4_500, sigma: 0.8, pool: 6, zipf: 1.8, trend: 0.95},
  {konto: '6860', navn: 'Møter, kurs, oppdatering o.l.', sector: ['Kurs', 'Hotell', 'Konferanse', 'Kompetanse'], w: 8, median: 18_000, sigma: 0.9, pool: 30, zipf: 0.8, trend: 1.15},
  {konto: '6900', navn: 'Telefon', sector: ['Telecom', 'Nett'], w: 3, median: 14_000, sigma: 0.5, pool: 2, zipf: 2.5, trend: 1.0},
  {konto: '7140', navn: 'Reisekostnad, ikke oppgavepliktig', sector: ['Reisebyrå', 'Reiser', 'Flyselskap'], w: 5, median: 9_000, sigma: 0.9, pool: 6, zipf: 2.0, trend: 1.2},
  {konto: '7320', navn: 'Reklamekostnad', sector: ['Reklamebyrå', 'Kommunikasjon', 'Media'], w: 3, median: 30_000, sigma: 0.8, pool: 10, zipf: 1.0, trend: 0.9},
  {konto: '7500', navn: 'Forsikringspremie', sector: ['Forsikring'], w: 1, median: 75_000, sigma: 0.4, pool: 2, zipf: 2.0, trend: 1.05},
]

/** Suppliers without a Norwegian organisation number (foreign companies). */
const FOREIGN = [
  {name: 'Microsoft Ireland Operations Ltd', konto: '6552'},
  {name: 'Amazon Web Services EMEA SARL', konto: '6420'},
  {name: 'Google Ireland Limited', konto: '6420'},
  {name: 'Adobe Systems Software Ireland Ltd', konto: '6552'},
  {name: 'Zoom Video Communications Inc', konto: '6420'},
  {name: 'Esri Europe B.V.', konto: '6552'},
]

/** Name variants of one Norwegian company: A/S, upper case, trailing dots. */
function noVariants(base, form) {
  const v = [`${base} ${form}`, `${base} ${form}`.toUpperCase()]
  if (form === 'AS') v.push(`${base} A/S`, `${base.toUpperCase()} A/S`, `${base} As`)
  else v.push(`${base} ${form}.`)
  return v
}

function buildNoSuppliers(rng) {
  const usedNames = new Set()
  const usedNr = new Set()
  const byAccount = new Map()
  for (const acc of NO_ACCOUNTS) {
    const pool = []
    for (let i = 0; i < acc.pool; i++) {
      let base
      do {
        const sector = rng.pick(acc.sector)
        const style = rng.next()
        if (sector === 'Advokatfirma') base = `Advokatfirmaet ${rng.pick(NO_SURNAMES)} & ${rng.pick(NO_SURNAMES)}`
        else if (style < 0.3) base = `${rng.pick(NO_SURNAMES)} ${sector}`
        else base = `${rng.pick(NO_PLACES)} ${sector}`
      } while (usedNames.has(base))
      usedNames.add(base)
      const form = base.startsWith('Advokatfirmaet') ? 'AS' : rng.chance(0.06) ? 'ASA' : rng.chance(0.05) ? 'SA' : 'AS'
      pool.push({
        variants: noVariants(base, form),
        orgnr: makeOrgnr(rng, usedNr),
        size: Math.exp(0.5 * rng.normal()),
        // Which agencies trade with it: most with one, a third with both.
        agencies: rng.chance(0.35) ? [0, 1] : [rng.int(0, 1)],
      })
    }
    for (const f of FOREIGN.filter((x) => x.konto === acc.konto)) {
      pool.push({variants: [f.name, f.name.toUpperCase()], orgnr: '', size: 1.5, agencies: [0, 1]})
    }
    byAccount.set(acc.konto, pool)
  }
  return {byAccount, usedNr}
}

// ---------------------------------------------------------------- shared draws

/** Zipf-weighted supplier draw within a pool (rank by pool order, scaled by each supplier's size). */
function poolWeights(pool, zipf) {
  return pool.map((s, i) => s.size / (i + 1) ** zipf)
}

// ---------------------------------------------------------------- the UK department

const UK_BODY = 'Department for Infrastructure and Skills'
const UK_HEADER = ['Department Family', 'Entity', 'Date', 'Expense Type', 'Expense Area', 'Supplier',
  'Transaction Number', 'Amount', 'Description']
const UK_DESCRIPTIONS = {
  'IT Services': ['Managed service charges', 'Service desk, monthly', 'Application support'],
  'Software Licences': ['Annual licence renewal', 'Subscription, users and storage'],
  Consultancy: ['Programme assurance', 'Strategy review, phase 2', 'Business case support'],
  'Construction Works': ['Stage payment', 'Retention release', 'Works, valuation 4'],
  'Capital - Buildings': ['Stage payment', 'Fit-out, regional office'],
  Rent: ['Quarterly rent in advance', 'Rent and service charge'],
  Utilities: ['Electricity', 'Gas and electricity', 'Water'],
  'Compensation Payments': ['Compensation', 'Settlement'],
}
const ukMoney = (minor) => formatAmount(minor, {thousands: ',', decimal: '.'})

function generateUk(rng) {
  const byCategory = buildUkSuppliers(rng)
  const catWeights = UK_CATEGORIES.map((c) => c.w)
  const catTotal = catWeights.reduce((a, b) => a + b, 0)
  const files = []
  let txn = 4_100_000
  for (const year of YEARS) {
    for (let month = 1; month <= 12; month++) {
      const days = businessDays(year, month)
      // Financial year ends in March: departments spend what is left.
      const count = Math.round((month === 3 ? 175 : 110) * (0.9 + 0.2 * rng.next()))
      const rows = []
      for (let t = 0; t < count; t++) {
        txn += rng.int(1, 40)
        const cat = UK_CATEGORIES[rng.weighted(catWeights, catTotal)]
        const date = `${pad2(rng.pick(days))}/${pad2(month)}/${year}`
        const area = rng.pick(UK_AREAS)
        const pool = byCategory.get(cat.name)
        let supplier
        if (pool.length === 0 || (cat.name !== 'Grants to Local Authorities' && rng.chance(0.012))) {
          supplier = REDACTED
        } else {
          const w = poolWeights(pool, cat.zipf)
          const s = pool[rng.weighted(w, w.reduce((a, b) => a + b, 0))]
          supplier = rng.chance(0.05) ? rng.pick(s.variants) : s.variants[s.yearVariant[year] % s.variants.length]
        }
        const trend = year === 2024 ? cat.trend : 1
        let total = Math.max(2_500_000, logNormalMinor(rng, cat.median * trend, cat.sigma))
        const credit = rng.chance(0.03)
        if (credit) total = -Math.round(total * (0.05 + 0.5 * rng.next()))
        const descs = UK_DESCRIPTIONS[cat.name] ?? ['Invoice']
        const desc = credit ? 'Credit note' : rng.pick(descs)
        // One invoice coded to several lines: same Transaction Number, lines may be under £25k.
        const lines = !credit && rng.chance(0.1) ? rng.int(2, 4) : 1
        let left = total
        for (let l = 0; l < lines; l++) {
          const part = l === lines - 1 ? left : Math.round(left * (0.2 + 0.5 * rng.next()))
          left -= part
          const lineCat = l === 0 ? cat : rng.chance(0.5) ? cat : UK_CATEGORIES[rng.weighted(catWeights, catTotal)]
          rows.push([UK_BODY, UK_BODY, date, lineCat.name, l === 0 ? area : rng.pick(UK_AREAS), supplier,
            String(txn), part, desc])
        }
      }
      // Publishers sort by date, then transaction number.
      rows.sort((a, b) => (a[2].slice(0, 2) === b[2].slice(0, 2) ? Number(a[6]) - Number(b[6]) : a[2] < b[2] ? -1 : 1))
      const name = `uk-dis-spend-over-25k-${year}-${pad2(month)}.csv`
      const cp1252 = year === 2024 && month === 3
      const out = []
      if (cp1252) out.push(csvLine([`${UK_BODY}: spend over £25,000, March 2024`, ...UK_HEADER.slice(1).map(() => '')], ','))
      out.push(csvLine(UK_HEADER, ','))
      for (const r of rows) out.push(csvLine([...r.slice(0, 7), ukMoney(r[7]), r[8]], ','))
      const text = out.join('\r\n') + '\r\n'
      files.push({
        name,
        bytes: cp1252 ? iconv.encode(text, 'windows-1252') : Buffer.from(text, 'utf8'),
        currency: 'GBP',
        rows: rows.length,
        total: rows.reduce((a, r) => a + BigInt(r[7]), 0n),
        note: cp1252 ? 'Windows-1252, title line with £ above the header' : '',
      })
    }
  }
  return files
}

// ---------------------------------------------------------------- the Norwegian agencies

const NO_AGENCIES = [
  {
    name: 'Direktoratet for kystforvaltning', short: 'dkf', rowsPerYear: 1750, file: 'leverandorer',
    header: ['Virksomhet', 'Org.nr', 'Leverandør', 'Organisasjonsnummer', 'Beløp', 'Bilagsdato', 'Konto', 'Kontonavn'],
    encoding: 'utf-8-bom', eol: '\n', thousands: '', variantBias: 0,
  },
  {
    name: 'Statens senter for digital arkivering', short: 'ssda', rowsPerYear: 1350, file: 'leverandorreskontro',
    header: ['Bilagsnr', 'Bilagsdato', 'Virksomhet', 'Org.nr', 'Konto', 'Kontonavn', 'Leverandør', 'Organisasjonsnummer', 'Beløp'],
    encoding: 'windows-1252', eol: '\r\n', thousands: ' ', variantBias: 1,
  },
]

function generateNo(rng) {
  const {byAccount, usedNr} = buildNoSuppliers(rng)
  const agencyNr = NO_AGENCIES.map(() => makeOrgnr(rng, usedNr))
  const files = []
  NO_AGENCIES.forEach((ag, ai) => {
    const accounts = NO_ACCOUNTS.map((acc) => ({acc, pool: byAccount.get(acc.konto).filter((s) => s.agencies.includes(ai))}))
      .filter((x) => x.pool.length > 0)
    const accWeights = accounts.map((x) => x.acc.w)
    const accTotal = accWeights.reduce((a, b) => a + b, 0)
    let bilag = 100_000 + ai * 400_000
    for (const year of YEARS) {
      const rows = []
      for (let i = 0; i < ag.rowsPerYear; i++) {
        const {acc, pool} = accounts[rng.weighted(accWeights, accTotal)]
        const w = poolWeights(pool, acc.zipf)
        const s = pool[rng.weighted(w, w.reduce((a, b) => a + b, 0))]
        // Agency B's ERP exports mostly upper case; A keeps the registered spelling.
        const variant = rng.chance(0.08) ? rng.pick(s.variants) : s.variants[Math.min(ag.variantBias, s.variants.length - 1)]
        const month = rng.int(1, 12)
        const day = rng.pick(businessDays(year, month))
        const trend = year === 2024 ? acc.trend : 1
        let amount = Math.max(10_000, logNormalMinor(rng, acc.median * trend * s.size, acc.sigma))
        if (rng.chance(0.035)) amount = -Math.round(amount * (0.1 + 0.9 * rng.next()))
        bilag += rng.int(1, 9)
        rows.push({month, day, bilag, acc, supplier: variant, orgnr: s.orgnr, amount})
      }
      rows.sort((a, b) => a.month - b.month || a.day - b.day || a.bilag - b.bilag)
      const money = (m) => formatAmount(m, {thousands: ag.thousands, decimal: ','})
      const out = []
      const total = rows.reduce((a, r) => a + BigInt(r.amount), 0n)
      if (ai === 1) out.push(`Leverandørreskontro ${year} – ${ag.name};;;;;;;;`)
      out.push(csvLine(ag.header, ';'))
      for (const r of rows) {
        const date = `${pad2(r.day)}.${pad2(r.month)}.${year}`
        const values = {
          Virksomhet: ag.name, 'Org.nr': agencyNr[ai], Leverandør: r.supplier, Organisasjonsnummer: r.orgnr,
          Beløp: money(r.amount), Bilagsdato: date, Konto: r.acc.konto, Kontonavn: r.acc.navn, Bilagsnr: String(r.bilag),
        }
        out.push(csvLine(ag.header.map((h) => values[h]), ';'))
      }
      if (ai === 1) out.push(`Sum;;;;;;;;${formatAmount(Number(total), {thousands: ' ', decimal: ','})}`)
      const text = out.join(ag.eol) + ag.eol
      const bytes = ag.encoding === 'windows-1252'
        ? iconv.encode(text, 'windows-1252')
        : Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')])
      files.push({
        name: `no-${ag.short}-${ag.file}-${year}.csv`,
        bytes,
        currency: 'NOK',
        rows: rows.length,
        total,
        note: ai === 0 ? 'UTF-8 with BOM, `1234,50`' : 'Windows-1252, CRLF, title line and sum line, `1 234,50`',
      })
    }
  })
  return {files, agencyNr}
}

// ---------------------------------------------------------------- README and main

function readme(uk, no, agencyNr, councils) {
  const all = [...uk, ...no, ...councils]
  const rows = (cur) => all.filter((f) => f.currency === cur).reduce((a, f) => a + f.rows, 0)
  const total = (cur) => all.filter((f) => f.currency === cur).reduce((a, f) => a + f.total, 0n)
  const major = (v) => formatAmount(Number(v), {thousands: ',', decimal: '.'})
  const lines = [
    '# Demo data',
    '',
    'Generated by `node scripts/gen-demo.mjs` (deterministic: a seeded PRNG, no clock,',
    'no locale). Do not edit by hand: change the script and regenerate; `test/demo.test.ts`',
    'fails if these files and the script disagree. Every body, supplier and organisation',
    'number is fictional (the numbers pass the mod-11 check, and may by chance belong to real',
    'organisations).',
    '',
    'Two years, 2023-2024, eleven buyers, each in the layout real publishers use:',
    '',
    `- **${UK_BODY}** (GBP): HM Treasury "spend over £25,000" monthly CSVs`,
    '  (`Department Family, Entity, Date, Expense Type, Expense Area, Supplier, Transaction Number,',
    '  Amount, Description`), `DD/MM/YYYY`, amounts like `"1,234,567.89"`, CRLF. Invoices coded to',
    '  several lines share a Transaction Number (lines may be under £25,000); credit notes are',
    `  negative; some suppliers are \`${REDACTED}\`. March 2024 is Windows-1252 with a title`,
    '  line (with `£`) above the header.',
    `- **${NO_AGENCIES[0].name}** (NOK, org.nr ${agencyNr[0]}): semicolon CSV, UTF-8 with BOM,`,
    '  `Virksomhet;Org.nr;Leverandør;Organisasjonsnummer;Beløp;Bilagsdato;Konto;Kontonavn`,',
    '  decimal comma (`1234,50`), `dd.mm.yyyy`.',
    `- **${NO_AGENCIES[1].name}** (NOK, org.nr ${agencyNr[1]}): semicolon CSV, Windows-1252,`,
    '  CRLF, a title line above the header and a `Sum` line below it, `1 234,50`, with `Bilagsnr`.',
    '',
    'Both Norwegian agencies use standard-chart accounts (`Konto`, classes 6-7) as categories,',
    'share about a third of their suppliers and spell them differently (the registered name in',
    'one, mostly upper case in the other, now and then `A/S` for `AS`); the organisation number',
    'stays the same. Foreign suppliers have no organisation number. UK suppliers change spelling',
    'between years and rows (upper case, `Ltd` / `Limited` / `Ltd.`, `&` / `and`).',
    'Spend is skewed (Zipf within each category), some categories are dominated by one or two',
    'suppliers, and category trends differ between 2023 and 2024.',
    '',
    ...councilsReadme(),
    '',
    '## Files',
    '',
    '| file | currency | data rows | total | notes |',
    '|---|---|---:|---:|---|',
    ...all.map((f) => `| ${f.name} | ${f.currency} | ${f.rows} | ${major(f.total)} | ${f.note} |`),
    '',
    `Totals: GBP ${major(total('GBP'))} over ${rows('GBP')} rows; NOK ${major(total('NOK'))} over ${rows('NOK')} rows.`,
    '',
  ]
  return lines.join('\n')
}

/**
 * Build every demo file in memory, README.md included.
 *
 * @example generateDemo().map((f) => f.name) // ['uk-dis-spend-over-25k-2023-01.csv', ..., 'README.md']
 */
export function generateDemo() {
  const uk = generateUk(makeRng(20230101))
  const {files: no, agencyNr} = generateNo(makeRng(47470001))
  // The councils walk their own stream, so the department's and the agencies' files stay as they were.
  const councils = generateCouncils(makeRng(44000001), {formatAmount, csvLine, businessDays, logNormalMinor, pad2})
  return [
    ...uk.map((f) => ({name: f.name, bytes: f.bytes})),
    ...no.map((f) => ({name: f.name, bytes: f.bytes})),
    ...councils.map((f) => ({name: f.name, bytes: f.bytes})),
    {name: 'README.md', bytes: Buffer.from(readme(uk, no, agencyNr, councils), 'utf8')},
  ]
}

/**
 * The councils' sizes file (buyer, year, population), written beside the demo folder.
 *
 * @example demoSizes().startsWith('buyer,year,population\n') // true
 */
export function demoSizes() {
  return Buffer.from(councilSizes(csvLine), 'utf8')
}

function main(argv) {
  const i = argv.indexOf('--out')
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const out = i >= 0 && argv[i + 1] ? resolve(argv[i + 1]) : join(root, 'fixtures', 'demo')
  mkdirSync(out, {recursive: true})
  let bytes = 0
  const files = generateDemo()
  for (const f of files) {
    writeFileSync(join(out, f.name), f.bytes)
    bytes += f.bytes.length
  }
  writeFileSync(`${out}-sizes.csv`, demoSizes())
  process.stderr.write(`gen-demo: wrote ${files.length} files (${(bytes / 1e6).toFixed(2)} MB) to ${out}, and ${out}-sizes.csv\n`)
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2))
