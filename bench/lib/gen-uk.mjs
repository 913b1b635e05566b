/**
 * The large bench CSV: UK local-government "spend over £500" rows in the LGA spend
 * schema (the Trafford layout, trimmed to ~140 bytes a row), with the cardinalities
 * issue 3 asks for: 200 buyers, 50,000 suppliers, 500 categories. Deterministic.
 *
 * Realism that matters for a parser: quoted fields with commas ("SMITH, JOHN", purposes
 * with commas), credit notes, `Redacted` names, skewed (Zipf) spend and supplier use.
 */
import {createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import {decimal2, mulberry32, normal, permutation, zipfSampler} from './prng.mjs'

const VERSION = 5
export const UK_HEADER = 'OrganisationLabel,OrganisationalUnit,BeneficiaryName,BeneficiaryOtherID,PaymentDate,' +
  'TransactionNumber,Amount,IrrecoverableVATAmount,Purpose,ProclassLabel,ProclassCode'

const STEMS = ['Northgate', 'Ashford', 'Bluewater', 'Crownhill', 'Summit', 'Pennine', 'Thameside', 'Severn',
  'Redwood', 'Kestrel', 'Harbour', 'Meridian', 'Oakfield', 'Greystone', 'Westbury', 'Castlegate', 'Brightwater',
  'Lakeland', 'Ironbridge', 'Fenland', 'Cotswold', 'Marlow', 'Highpoint', 'Ridgeway', 'Stonebridge', 'Clearview',
  'Fairhaven', 'Halden', 'Kingsmead', 'Longford', 'Millbrook', 'Newhaven', 'Orchard', 'Parkside', 'Queensway',
  'Riverside', 'Saxon', 'Tidewater', 'Unity', 'Vantage', 'Wessex', 'Beacon', 'Chiltern', 'Dovetail', 'Elmstead',
  'Foxley', 'Granite', 'Heron', 'Juniper', 'Keystone', 'Lindum', 'Mercia', 'Osprey', 'Pembroke', 'Quarry',
  'Rowan', 'Sterling', 'Trent', 'Upland', 'Valley', 'Weald', 'Amber', 'Birch', 'Cedar', 'Delta', 'Eden', 'Falcon',
  'Glen', 'Hawthorn', 'Isis', 'Jubilee', 'Kingfisher', 'Laurel', 'Maple', 'Nene', 'Ouse', 'Pioneer', 'Quantum',
  'Raven', 'Solent', 'Tamar', 'Ure', 'Vale', 'Willow', 'Yew', 'Zenith', 'Abbey', 'Bridge', 'Canal', 'Dale',
  'Exe', 'Forge', 'Garden', 'Hill', 'Inn', 'Jet', 'Knight', 'Lodge', 'Mill', 'North', 'Oak', 'Pine', 'Quay',
  'Rock', 'South', 'Tower', 'Union', 'Vista', 'West', 'York', 'Aire', 'Bure', 'Colne', 'Derwent', 'Eden Vale',
  'Fowey', 'Goyt', 'Hodder', 'Irwell']
const SECTORS = ['Care Services', 'Construction', 'Facilities', 'Digital', 'Consulting', 'Transport', 'Cleaning',
  'Catering', 'Security', 'Recruitment', 'Legal', 'Energy', 'Waste Management', 'Engineering', 'Supplies',
  'Training', 'Healthcare', 'Property', 'Landscapes', 'Highways', 'Plumbing', 'Electrical', 'Roofing', 'Printing',
  'Furniture', 'Software', 'Networks', 'Fostering', 'Home Care', 'Education', 'Leisure', 'Vehicles', 'Fuels',
  'Signs', 'Surveys', 'Architects', 'Lifts', 'Scaffolding', 'Interpreting', 'Taxis', 'Couriers', 'Media',
  'Events', 'Insurance', 'Advisory']
// Each form adds a word the entity key keeps (spend's supplierKey drops trailing Ltd/Limited/plc/
// LLP/CIC), so the 50,000 names stay 50,000 suppliers after normalisation, as in DuckDB's GROUP BY.
const FORMS = ['Ltd', 'Group Ltd', 'Contracts Limited', 'UK Ltd', '(Holdings) Ltd', '& Sons Ltd', 'Partners LLP',
  'Solutions plc', 'Associates Ltd', 'Trading CIC']
const SURNAMES = ['SMITH', 'JONES', 'TAYLOR', 'BROWN', 'WILLIAMS', 'WILSON', 'JOHNSON', 'DAVIES', 'PATEL', 'WRIGHT',
  'KHAN', 'WALKER', 'EVANS', 'THOMAS', 'ROBERTS', 'GREEN', 'HALL', 'WOOD', 'HUGHES', 'CLARKE']
const FIRST = ['JOHN', 'SARAH', 'DAVID', 'EMMA', 'JAMES', 'MARY', 'AHMED', 'LUCY', 'PETER', 'ANNA']
const BODY_TYPES = ['Borough Council', 'District Council', 'City Council', 'County Council', 'Council']
const UNITS = ['Adult Social Care', 'Childrens Services', 'Highways', 'Waste', 'Housing', 'Libraries', 'Leisure',
  'Finance', 'ICT', 'Legal', 'Estates', 'Education', 'Public Health', 'Planning', 'Parks', 'Transport', 'HR',
  'Revenues', 'Benefits', 'Customer Services']
const GROUPS = ['SOCIAL CARE', 'CONSTRUCTION', 'FACILITIES', 'ICT', 'CONSULTANCY', 'TRANSPORT', 'HUMAN RESOURCES',
  'ENVIRONMENTAL SERVICES', 'EDUCATION', 'HEALTHCARE', 'LEGAL', 'FINANCIAL', 'HOUSING', 'LEISURE', 'CATERING',
  'UTILITIES', 'STATIONERY', 'HIGHWAYS', 'PROPERTY', 'COMMUNICATIONS', 'PLANNING', 'SECURITY', 'WASTE',
  'CULTURE', 'GRANTS']
const SUBS = ['Equipment', 'Services', 'Maintenance', 'Supplies', 'Contracts', 'Repairs', 'Hire', 'Licences',
  'Consumables', 'Agency', 'Works', 'Fees', 'Support', 'Materials', 'Training', 'Rent', 'Grants', 'Subscriptions',
  'Insurance', 'Other']
const PURPOSES = ['Care package', 'Residential care', 'Home care, weekly', 'Repairs and maintenance', 'Agency staff',
  'Software licence', 'Consultancy fees', 'Grounds maintenance', 'Fuel', 'Vehicle hire', 'Printing, stationery',
  'Cleaning contract', 'Legal fees', 'Training course', 'Utilities', 'Rent', 'Taxi, SEN transport',
  'Equipment purchase', 'Catering supplies', 'Waste collection', 'Building works, stage payment', 'Grant payment']

/** Deterministic names: stem x sector x form covers 54,000 distinct suppliers (and entity keys). */
function supplierName(i) {
  if (i % 50 === 7) {
    // Individuals are published "SURNAME, FIRST": the comma forces quoting.
    return `"${SURNAMES[i % SURNAMES.length]}, ${FIRST[Math.floor(i / 20) % FIRST.length]} ${i}"`
  }
  const s = STEMS[i % STEMS.length]
  const k = SECTORS[Math.floor(i / STEMS.length) % SECTORS.length]
  const f = FORMS[Math.floor(i / (STEMS.length * SECTORS.length)) % FORMS.length]
  return `${s} ${k} ${f}`
}

/**
 * Write `rows` data rows to `path` (streamed, backpressure honoured) unless a cached file
 * made by this version with the same row count exists. Returns the metadata: rows, bytes,
 * exact total (minor units, string), distinct buyers/suppliers/categories.
 *
 * @example await generateUkCsv('bench/data/uk-1000000.csv', 1_000_000)
 */
export async function generateUkCsv(path, rows, {buyers = 200, suppliers = 50_000, categories = 500} = {}) {
  const metaPath = `${path}.meta.json`
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'))
    const same = meta.version === VERSION && meta.rows === rows && meta.buyers === Math.min(buyers, rows) &&
      meta.suppliers === Math.min(suppliers, rows) && statSync(path).size === meta.bytes
    if (same) return {...meta, cached: true}
  }
  const next = mulberry32(0x5eed0001 + rows)
  const nSup = Math.min(suppliers, rows)
  const nBuy = Math.min(buyers, rows)
  const nCat = Math.min(categories, rows, GROUPS.length * SUBS.length)
  const seen = new Set()
  const buyerNames = []
  for (let i = 0; buyerNames.length < nBuy; i++) {
    const lap = Math.floor(i / STEMS.length)
    const name = `${STEMS[i % STEMS.length]}${lap > 0 ? ` ${STEMS[(i + lap * 17) % STEMS.length]}` : ''} ${BODY_TYPES[(i + lap) % BODY_TYPES.length]}`
    if (!seen.has(name)) buyerNames.push(name)
    seen.add(name)
  }
  const supNames = Array.from({length: nSup}, (_, i) => supplierName(i))
  const catPerm = permutation(GROUPS.length * SUBS.length, next)
  const catLabels = []
  for (let c = 0; c < nCat; c++) {
    const g = catPerm[c] % GROUPS.length
    const s = Math.floor(catPerm[c] / GROUPS.length)
    catLabels.push({label: `${GROUPS[g]} : ${SUBS[s]}`, code: String(100000 + catPerm[c] * 37)})
  }
  const supPerm = permutation(nSup, next)
  const supZipf = zipfSampler(nSup, 1.05)
  const buyZipf = zipfSampler(nBuy, 0.8)
  const catZipf = zipfSampler(nCat, 0.9)
  // Every supplier, buyer and category appears at least once: rows at fixed strides take them in turn.
  const supStride = Math.max(1, Math.floor(rows / nSup))
  const buyStride = Math.max(1, Math.floor(rows / nBuy))
  const catStride = Math.max(1, Math.floor(rows / nCat))

  const tmp = `${path}.tmp`
  const out = createWriteStream(tmp)
  out.write(`${UK_HEADER}\n`)
  let total = 0n
  let bytes = Buffer.byteLength(UK_HEADER) + 1
  let batch = []
  let txn = 5_100_000_000
  for (let r = 0; r < rows; r++) {
    const sup = r % supStride === 0 && r / supStride < nSup ? r / supStride : supPerm[supZipf(next())]
    const buy = r % buyStride === 1 % buyStride && Math.floor(r / buyStride) < nBuy ? Math.floor(r / buyStride) : buyZipf(next())
    const cat = r % catStride === 2 % catStride && Math.floor(r / catStride) < nCat ? Math.floor(r / catStride) : catZipf(next())
    const day = 1 + Math.floor(next() * 28)
    const month = 1 + Math.floor(next() * 12)
    const year = month >= 4 ? 2024 : 2025
    let amount = Math.max(1, Math.round(600 * Math.exp(1.4 * normal(next)) * 100))
    if (next() < 0.06) amount = -Math.round(amount * next()) || -1
    const vat = next() < 0.1 ? Math.round(Math.abs(amount) * 0.2) : 0
    const redacted = next() < 0.01 && r % supStride !== 0
    const purposeRaw = PURPOSES[Math.floor(next() * PURPOSES.length)]
    const purpose = purposeRaw.includes(',') ? `"${purposeRaw}"` : purposeRaw
    txn += 1 + Math.floor(next() * 3)
    total += BigInt(amount)
    const c = catLabels[cat]
    const line = `${buyerNames[buy]},${UNITS[(buy + cat) % UNITS.length]},${redacted ? 'Redacted' : supNames[sup]},` +
      `${redacted ? '' : 10000 + sup},${day < 10 ? '0' : ''}${day}/${month < 10 ? '0' : ''}${month}/${year},${txn},` +
      `${decimal2(amount)},${decimal2(vat)},${purpose},${c.label},${c.code}\n`
    batch.push(line)
    if (batch.length === 10_000 || r === rows - 1) {
      const chunk = batch.join('')
      bytes += Buffer.byteLength(chunk)
      batch = []
      if (!out.write(chunk)) await once(out, 'drain')
    }
  }
  out.end()
  await once(out, 'finish')
  renameSync(tmp, path)
  const meta = {version: VERSION, rows, bytes, total: total.toString(), currency: 'GBP', buyers: nBuy, suppliers: nSup, categories: nCat}
  writeFileSync(metaPath, JSON.stringify(meta, null, 2))
  return {...meta, cached: false}
}
