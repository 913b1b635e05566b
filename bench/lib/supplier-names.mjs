/**
 * Synthetic supplier names for the `entities suggest` bench (issue 11): exactly N distinct
 * published names, drawn as entities each published under 1-4 variants, with the kinds of
 * variation real spend files show. Deterministic (seeded mulberry32, no Math.random).
 *
 * Mix (share of entities): ~65% companies (`Kestrel Facilities Management Ltd`), ~14%
 * individuals (`SMITH, JOHN A`, `J A Smith`), ~11% councils and public bodies, ~10%
 * charities and care providers with common words (`Ashford Care Services`), plus a fixed
 * set of redaction placeholders (`REDACTED`, `Personal data withheld`). About a third of the
 * companies and most charities carry a scheme-prefixed id (`GB-COH-` + 8 digits,
 * `GB-CHC-` + 7 digits) that some of their variants are published without.
 *
 * Each name records the entity it was drawn from (the true group) and the variant kind,
 * so a test can check every kind is produced and a reader can score a clustering.
 */
import {createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import {decimal2, mulberry32, normal, permutation} from './prng.mjs'

const VERSION = 6
export const NAMES_HEADER = 'buyer,date,supplier,company_number,amount,currency'

const STEMS = ['Acme', 'Northgate', 'Ashford', 'Bluewater', 'Crownhill', 'Summit', 'Pennine', 'Thameside', 'Severn',
  'Redwood', 'Kestrel', 'Harbour', 'Meridian', 'Oakfield', 'Greystone', 'Westbury', 'Castlegate', 'Brightwater',
  'Lakeland', 'Ironbridge', 'Fenland', 'Cotswold', 'Marlow', 'Highpoint', 'Ridgeway', 'Stonebridge', 'Clearview',
  'Fairhaven', 'Halden', 'Kingsmead', 'Longford', 'Millbrook', 'Newhaven', 'Orchard', 'Parkside', 'Queensway',
  'Riverside', 'Saxon', 'Tidewater', 'Unity', 'Vantage', 'Wessex', 'Beacon', 'Chiltern', 'Dovetail', 'Elmstead',
  'Foxley', 'Granite', 'Heron', 'Juniper', 'Keystone', 'Lindum', 'Mercia', 'Osprey', 'Pembroke', 'Quarry',
  'Rowan', 'Sterling', 'Trent', 'Upland', 'Weald', 'Amber', 'Birch', 'Cedar', 'Delta', 'Eden', 'Falcon',
  'Glen', 'Hawthorn', 'Jubilee', 'Kingfisher', 'Laurel', 'Maple', 'Pioneer', 'Quantum', 'Raven', 'Solent',
  'Tamar', 'Willow', 'Zenith', 'Abbey', 'Forge', 'Knight', 'Lodge', 'Tower', 'Vista', 'Aire', 'Colne', 'Derwent',
  'Fowey', 'Hodder', 'Irwell', 'Bramley', 'Calder', 'Dunmore', 'Eskdale', 'Fernhill', 'Garston', 'Hartwell',
  'Ingram', 'Jarrow', 'Kirkby', 'Lowther', 'Medway', 'Norbury', 'Oldfield', 'Penrose', 'Radcliffe', 'Sandown',
  'Thornbury', 'Ulverston', 'Ventnor', 'Whitby', 'Yarrow', 'Alder', 'Brackley', 'Carrick', 'Denholm', 'Elland']
const SECTORS = ['Care Services', 'Construction', 'Facilities Management', 'Digital Solutions', 'Consulting',
  'Transport', 'Cleaning Services', 'Catering', 'Security Services', 'Recruitment', 'Legal Services', 'Energy',
  'Waste Management', 'Engineering', 'Office Supplies', 'Training', 'Healthcare', 'Property Services',
  'Landscapes', 'Highways', 'Plumbing and Heating', 'Electrical Contractors', 'Roofing', 'Print Services',
  'Furniture', 'Software', 'Networks', 'Fostering', 'Home Care', 'Education', 'Leisure', 'Vehicle Hire', 'Fuels',
  'Signs', 'Surveyors', 'Architects', 'Lifts', 'Scaffolding', 'Interpreting', 'Taxis', 'Couriers', 'Media',
  'Events', 'Insurance Brokers', 'Advisory']
const FORMS = [
  // [published form, its alternative spellings]
  ['Ltd', ['Limited', 'LTD.', 'Ltd.', 'LIMITED']],
  ['Limited', ['Ltd', 'LTD', 'Ltd.']],
  ['PLC', ['plc', 'P.L.C.', 'Public Limited Company']],
  ['LLP', ['L.L.P.', 'llp']],
]
const SURNAMES = ['SMITH', 'JONES', 'TAYLOR', 'BROWN', 'WILLIAMS', 'WILSON', 'JOHNSON', 'DAVIES', 'PATEL', 'WRIGHT',
  'KHAN', 'WALKER', 'EVANS', 'THOMAS', 'ROBERTS', 'GREEN', 'HALL', 'WOOD', 'HUGHES', 'CLARKE', 'JACKSON', 'WHITE',
  'HARRIS', 'MARTIN', 'COOPER', 'KING', 'LEE', 'ALI', 'MORRIS', 'BAKER', 'HILL', 'WARD', 'TURNER', 'PARKER',
  'EDWARDS', 'COLLINS', 'STEWART', 'MURPHY', 'BELL', 'CAMPBELL']
// Alternating male and female first names (an even index is male: `Mr`, odd: `Ms`).
const FIRST = ['JOHN', 'SARAH', 'DAVID', 'EMMA', 'JAMES', 'MARY', 'AHMED', 'LUCY', 'PETER', 'ANNA', 'MICHAEL',
  'HELEN', 'PAUL', 'KAREN', 'MARK', 'JANE', 'ANDREW', 'RUTH', 'IAN', 'FATIMA', 'STEVEN', 'CLAIRE', 'RICHARD',
  'SUSAN', 'GARY', 'JULIE', 'ROBERT', 'AMY', 'SIMON', 'LISA']
const COUNCILS = [['Borough Council', 'BC'], ['District Council', 'DC'], ['City Council', 'CC'],
  ['County Council', 'CC'], ['Metropolitan Borough Council', 'MBC'], ['Town Council', 'TC'], ['Parish Council', 'PC']]
const CHARITIES = ['Care Services', 'Community Trust', 'Housing Association', 'Hospice', 'Foundation',
  'Citizens Advice', 'Carers Centre', 'Youth Project', 'Mind', 'Age Concern', 'Community Care', 'Day Services']
/** A fixed set: every one is a distinct published placeholder, none an entity. */
export const REDACTED_NAMES = ['REDACTED', 'Redacted', 'redacted', 'Personal data withheld', 'PERSONAL DATA WITHHELD',
  'Redacted - personal data', 'Redacted, personal data', 'Name withheld', 'Withheld', 'Personal Data',
  'REDACTED PERSONAL DATA', 'Redacted personal information']

/** Every variant kind the generator produces (a test checks all occur at N = 2,000). */
export const VARIANT_KINDS = ['canonical', 'case', 'legal-form', 'and', 'the', 'uk', 'punctuation', 'drop-word',
  'typo', 'word-order', 'trading-as', 'id-missing', 'individual', 'council', 'charity', 'redacted']

/**
 * Exactly `n` distinct synthetic supplier names, each `{name, id, entity, kind, rows}`: `id`
 * the scheme-prefixed id the name is published with (or null), `entity` the index of the
 * true entity (null for a redaction placeholder), `kind` one of VARIANT_KINDS, `rows` the
 * payments the CSV publishes under it (2 or 3).
 *
 * @example supplierNames(2000).length // 2000
 */
export function supplierNames(n, {seed = 0x5eed0b11} = {}) {
  const next = mulberry32(seed + n)
  const pick = (xs) => xs[Math.floor(next() * xs.length)]
  const seen = new Set()
  const bases = new Set()
  const out = []
  let entity = 0
  let coh = 0
  let chc = 0
  const push = (name, id, e, kind) => {
    const v = name.replace(/\s+/g, ' ').trim()
    if (out.length >= n || seen.has(v)) return false
    seen.add(v)
    // Payments published under the name in the CSV: 2 or 3.
    out.push({name: v, id, entity: e, kind, rows: 2 + (next() < 0.5 ? 1 : 0)})
    return true
  }
  // A few placeholders, spread through the list rather than all at its start.
  const redactedAt = (i) => Math.floor(((i + 0.5) * n) / REDACTED_NAMES.length)
  let redacted = 0
  let misses = 0
  while (out.length < n) {
    if (redacted < REDACTED_NAMES.length && out.length >= redactedAt(redacted)) {
      push(REDACTED_NAMES[redacted++], null, null, 'redacted')
      continue
    }
    const r = next()
    const drawn = r < 0.65 ? company(next, pick) : r < 0.79 ? individual(next, pick) : r < 0.90 ? council(next, pick) : charity(next, pick)
    // Companies are distinct by name without legal form: `Acme Ltd` and `Acme PLC` would be one key to any matcher.
    const key = drawn.key ?? drawn.base
    if (bases.has(key)) {
      // The vocabulary is finite: a long run of collisions means N is too large for it.
      if (++misses > 1000) throw new Error(`supplierNames: vocabulary exhausted at ${out.length} of ${n}`)
      continue
    }
    misses = 0
    bases.add(key)
    let id = null
    if (drawn.scheme === 'GB-COH') id = `GB-COH-${String(10_000_000 + ((coh++ * 7_919) % 89_999_999)).padStart(8, '0')}`
    if (drawn.scheme === 'GB-CHC') id = `GB-CHC-${1_000_000 + ((chc++ * 104_729) % 8_999_999)}`
    const count = 1 + Math.floor(next() * 4)
    let emitted = 0
    for (const [i, v] of drawn.variants.entries()) {
      if (emitted >= count) break
      // Some variants of an entity with an id are published without it.
      const missing = id !== null && i > 0 && next() < 0.3
      if (push(v.name, missing ? null : id, entity, missing ? 'id-missing' : v.kind)) emitted++
    }
    entity++
  }
  return out
}

/** `Stem [& Stem2] Sector [form]` and its variants, the canonical first. */
function company(next, pick) {
  const stem = pick(STEMS)
  const second = next() < 0.5 ? pick(STEMS) : null
  const joint = second && second !== stem && next() < 0.4
  const lead = second && second !== stem ? (joint ? `${stem} & ${second}` : `${stem} ${second}`) : stem
  const sector = pick(SECTORS)
  const [form, alts] = pick(FORMS)
  const core = `${lead} ${sector}`
  const base = `${core} ${form}`
  const v = []
  const add = (name, kind) => v.push({name, kind})
  add(base, 'canonical')
  const kinds = shuffle(['case', 'legal-form', 'the', 'uk', 'punctuation', 'drop-word', 'typo', 'word-order', 'trading-as', 'and'], next)
  for (const k of kinds) {
    if (k === 'case') add(next() < 0.7 ? base.toUpperCase() : base.toLowerCase(), k)
    if (k === 'legal-form') add(`${core} ${pick(alts)}`, k)
    if (k === 'the') add(`The ${base}`, k)
    if (k === 'uk') add(`${core} (UK) ${form}`, k)
    if (k === 'punctuation') {
      const p = Math.floor(next() * 3)
      add(p === 0 ? `${core}, ${form}.` : p === 1 && !joint ? `${core.replace(' ', '-')} ${form}` : `${core} ${form}.`, k)
    }
    if (k === 'drop-word') {
      const words = sector.split(' ')
      if (words.length > 1) add(`${lead} ${words[0]} ${form}`, k)
      else if (second && !joint) add(`${stem} ${sector} ${form}`, k)
    }
    if (k === 'typo') add(typo(base, next), k)
    if (k === 'word-order' && second && second !== stem) add(`${second}${joint ? ' &' : ''} ${stem} ${sector} ${form}`, k)
    if (k === 'trading-as') add(`${stem} Holdings ${form} ${pick(['T/A', 'T/A', 't/a', 'trading as', 'Trading As'])} ${core}`, k)
    if (k === 'and' && joint) add(`${stem} and ${second} ${sector} ${form}`, k)
  }
  return {base, key: core.toLowerCase(), scheme: next() < 0.35 ? 'GB-COH' : null, variants: v}
}

/** One letter changed, dropped or doubled inside a word of 5+ letters. */
function typo(name, next) {
  const words = name.split(' ')
  const long = words.map((w, i) => [w, i]).filter(([w]) => /^[A-Za-z]{5,}$/.test(w))
  if (long.length === 0) return `${name}.`
  const [w, i] = long[Math.floor(next() * long.length)]
  const at = 1 + Math.floor(next() * (w.length - 2))
  const op = Math.floor(next() * 3)
  const letter = 'aeiourstln'[Math.floor(next() * 10)]
  words[i] = op === 0 ? w.slice(0, at) + letter + w.slice(at + 1) : op === 1 ? w.slice(0, at) + w.slice(at + 1) : w.slice(0, at) + w[at] + w.slice(at)
  return words.join(' ')
}

function shuffle(xs, next) {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1))
    ;[xs[i], xs[j]] = [xs[j], xs[i]]
  }
  return xs
}

const title = (w) => w[0] + w.slice(1).toLowerCase()

/** `SMITH, JOHN A` and `J A Smith`, `John Smith`, `Mr J Smith`: never merged by surname alone. */
function individual(next, pick) {
  const s = pick(SURNAMES)
  const fi = Math.floor(next() * FIRST.length)
  const f = FIRST[fi]
  const m = next() < 0.8 ? 'ABCDEFGHJKLMNPRSTW'[Math.floor(next() * 18)] : ''
  const base = `${s}, ${f}${m ? ` ${m}` : ''}`
  const variants = [
    {name: base, kind: 'individual'},
    {name: `${f[0]}${m ? ` ${m}` : ''} ${title(s)}`, kind: 'individual'},
    {name: `${title(f)} ${m ? `${m} ` : ''}${title(s)}`, kind: 'individual'},
    {name: `${fi % 2 === 0 ? 'Mr' : next() < 0.5 ? 'Ms' : 'Mrs'} ${f[0]} ${title(s)}`, kind: 'individual'},
  ]
  return {base, scheme: null, variants}
}

/** `Stem Borough Council`, `Stem BC`, `STEM BOROUGH COUNCIL`, `Stem Council`. */
function council(next, pick) {
  const stem = next() < 0.3 ? `${pick(STEMS)} and ${pick(STEMS)}` : pick(STEMS)
  const [type, abbr] = pick(COUNCILS)
  const base = `${stem} ${type}`
  const variants = shuffle([
    {name: `${stem} ${abbr}`, kind: 'council'},
    {name: base.toUpperCase(), kind: 'council'},
    {name: `${stem} Council`, kind: 'council'},
    {name: `${type} of ${stem}`, kind: 'council'},
  ], next)
  return {base, scheme: null, variants: [{name: base, kind: 'council'}, ...variants]}
}

/** `Stem Care Services`, `The Stem Community Trust`, with a charity number more often than not. */
function charity(next, pick) {
  const stem = next() < 0.4 ? `${pick(STEMS)} ${pick(['North', 'South', 'East', 'West', 'Central', 'Rural'])}` : pick(STEMS)
  const word = pick(CHARITIES)
  const base = `${stem} ${word}`
  const variants = shuffle([
    {name: `The ${base}`, kind: 'charity'},
    {name: base.toUpperCase(), kind: 'charity'},
    {name: `${base} Ltd`, kind: 'charity'},
    {name: `${base} CIO`, kind: 'charity'},
  ], next)
  return {base, scheme: next() < 0.6 ? 'GB-CHC' : null, variants: [{name: base, kind: 'charity'}, ...variants]}
}

/** A CSV field: quoted when it holds a comma, a quote or a line break. */
export function csvField(s) {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

const BUYERS = Array.from({length: 40}, (_, i) => `${STEMS[(i * 7) % STEMS.length]} ${COUNCILS[i % COUNCILS.length][0]}`)

/**
 * The id cell of the CSV: the 8 characters of a `GB-COH-` id, as UK files publish a company
 * number (spend import prefixes them again: a `company_number` column is read as GB-COH).
 * A CSV import keeps no charity-number scheme, so `GB-CHC-` ids are left out of the CSV.
 * @example companyNumber('GB-COH-01234567') // '01234567'
 */
export function companyNumber(id) {
  return id?.startsWith('GB-COH-') ? id.slice(7) : ''
}

/**
 * The names as `suggestEntities` input (its NameStat: variant, supplier_id, rows), with the
 * ids a CSV import of generateNamesCsv's file keeps (company numbers only), for timing the
 * matcher in-process without a workspace.
 * @example nameStats(2000)[0] // {variant: '...', supplier_id: null, rows: 2}
 */
export function nameStats(n, options) {
  return supplierNames(n, options).map((x) => ({variant: x.name, supplier_id: companyNumber(x.id) ? x.id : null, rows: x.rows}))
}

/**
 * Write the names as a spend CSV (`buyer,date,supplier,company_number,amount,currency`, 2-3
 * rows a name, rows shuffled, GBP amounts with credit notes) to `path`, unless a cached
 * file made by this version for the same `n` exists. Returns the metadata: names, rows,
 * bytes, exact total (minor units, string), entities, names with a company number in the CSV.
 *
 * @example await generateNamesCsv('bench/data/supplier-names-100000.csv', 100_000)
 */
export async function generateNamesCsv(path, n) {
  const metaPath = `${path}.meta.json`
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'))
    if (meta.version === VERSION && meta.names === n && statSync(path).size === meta.bytes) return {...meta, cached: true}
  }
  const names = supplierNames(n)
  const next = mulberry32(0x5eed0b12 + n)
  const tmp = `${path}.tmp`
  const out = createWriteStream(tmp)
  out.write(`${NAMES_HEADER}\n`)
  let bytes = Buffer.byteLength(NAMES_HEADER) + 1
  let total = 0n
  const lines = []
  for (let i = 0; i < names.length; i++) {
    const {name, id} = names[i]
    for (let j = 0; j < names[i].rows; j++) {
      const month = 1 + Math.floor(next() * 12)
      const day = 1 + Math.floor(next() * 28)
      let amount = Math.max(1, Math.round(600 * Math.exp(1.3 * normal(next)) * 100))
      if (next() < 0.05) amount = -amount
      total += BigInt(amount)
      lines.push(`${csvField(BUYERS[Math.floor(next() * BUYERS.length)])},2025-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day},` +
        `${csvField(name)},${companyNumber(id)},${decimal2(amount)},GBP\n`)
    }
  }
  // Rows in a shuffled order, as payments are published by date: an entity's variants are not neighbours.
  const order = permutation(lines.length, next)
  const rows = lines.length
  for (let at = 0; at < rows; at += 10_000) {
    let chunk = ''
    for (let j = at; j < Math.min(rows, at + 10_000); j++) chunk += lines[order[j]]
    bytes += Buffer.byteLength(chunk)
    if (!out.write(chunk)) await once(out, 'drain')
  }
  out.end()
  await once(out, 'finish')
  renameSync(tmp, path)
  const entities = new Set(names.filter((x) => x.entity !== null).map((x) => x.entity)).size
  const meta = {version: VERSION, names: n, rows, bytes, total: total.toString(), currency: 'GBP', entities,
    withCompanyNumber: names.filter((x) => companyNumber(x.id) !== '').length}
  writeFileSync(metaPath, JSON.stringify(meta, null, 2))
  return {...meta, cached: false}
}
