/**
 * The OCDS bench file: JSON Lines, one release per line, one award per release, shaped
 * like real publishers' award releases (buyer, parties with identifiers and roles, a
 * tender with a CPV item, the award with value and supplier): about 1.4 KB a release.
 * Deterministic; amounts are exact (written from integer minor units).
 */
import {createWriteStream, existsSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import {once} from 'node:events'
import {decimal2, mulberry32, normal, permutation, zipfSampler} from './prng.mjs'

const VERSION = 3
const CPV = [['72000000', 'IT services: consulting, software development, Internet and support'],
  ['45000000', 'Construction work'], ['79000000', 'Business services: law, marketing, consulting, recruitment'],
  ['85000000', 'Health and social work services'], ['90000000', 'Sewage, refuse, cleaning and environmental services'],
  ['33000000', 'Medical equipments, pharmaceuticals and personal care products'], ['30200000', 'Computer equipment and supplies'],
  ['50000000', 'Repair and maintenance services'], ['80000000', 'Education and training services'],
  ['60000000', 'Transport services (excl. Waste transport)'], ['09300000', 'Electricity, heating, solar and nuclear energy'],
  ['22000000', 'Printed matter and related products']]
const METHODS = ['open', 'open', 'open', 'selective', 'limited', 'direct']
const TOWNS = ['London', 'Manchester', 'Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Belfast', 'Norwich', 'York', 'Exeter']
const WORDS = ['Provision of', 'Framework for', 'Supply of', 'Maintenance of', 'Support for', 'Delivery of']

function pad(n, w) {
  return String(n).padStart(w, '0')
}

/**
 * Write `releases` lines to `path` unless cached. Returns {releases, bytes, total, currency}.
 *
 * @example await generateOcdsJsonl('bench/data/ocds-1000000.jsonl', 1_000_000)
 */
export async function generateOcdsJsonl(path, releases, {buyers = 200, suppliers = 50_000} = {}) {
  const metaPath = `${path}.meta.json`
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8'))
    if (meta.version === VERSION && meta.releases === releases && statSync(path).size === meta.bytes) return {...meta, cached: true}
  }
  const next = mulberry32(0x0cd50001 + releases)
  const nSup = Math.min(suppliers, releases)
  const supPerm = permutation(nSup, next)
  const supZipf = zipfSampler(nSup, 1.05)
  const buyZipf = zipfSampler(buyers, 0.8)
  const tmp = `${path}.tmp`
  const out = createWriteStream(tmp)
  let bytes = 0
  let total = 0n
  let batch = []
  for (let i = 0; i < releases; i++) {
    const b = buyZipf(next())
    const s = supPerm[supZipf(next())]
    const [cpv, cpvLabel] = CPV[Math.floor(next() * CPV.length)]
    const month = 1 + Math.floor(next() * 12)
    const day = 1 + Math.floor(next() * 28)
    const date = `2024-${pad(month, 2)}-${pad(day, 2)}T${pad(9 + Math.floor(next() * 8), 2)}:00:00Z`
    const minor = Math.max(100_000, Math.round(40_000 * Math.exp(1.3 * normal(next)) * 100))
    total += BigInt(minor)
    const ocid = `ocds-b5fd17-${pad(i + 1, 7)}`
    const buyerId = `GB-GOR-PB${pad(b, 4)}`
    const buyerName = `${TOWNS[b % TOWNS.length]} Public Body ${b}`
    const supId = `GB-COH-${pad(1_000_000 + s * 37, 8)}`
    const supName = `${['Acme', 'Northgate', 'Summit', 'Kestrel', 'Meridian', 'Granite'][s % 6]} Supplier ${s} Ltd`
    const town = TOWNS[s % TOWNS.length]
    const method = METHODS[Math.floor(next() * METHODS.length)]
    const title = `${WORDS[i % WORDS.length]} ${cpvLabel.split(':')[0].toLowerCase()}`
    const release = {
      ocid,
      id: `${ocid}-award-1`,
      date,
      tag: ['award'],
      initiationType: 'tender',
      language: 'en',
      buyer: {id: buyerId, name: buyerName},
      parties: [
        {id: buyerId, name: buyerName, identifier: {scheme: 'GB-GOR', id: `PB${pad(b, 4)}`, legalName: buyerName},
          address: {locality: TOWNS[b % TOWNS.length], countryName: 'United Kingdom'}, roles: ['buyer', 'procuringEntity']},
        {id: supId, name: supName, identifier: {scheme: 'GB-COH', id: pad(1_000_000 + s * 37, 8), legalName: supName.toUpperCase()},
          address: {locality: town, postalCode: `${town.slice(0, 2).toUpperCase()}${1 + (s % 20)} ${s % 9}AB`, countryName: 'United Kingdom'},
          roles: ['supplier'], details: {scale: next() < 0.4 ? 'sme' : 'large'}},
      ],
      tender: {
        id: `${ocid}-tender`, title, status: 'complete', procurementMethod: method,
        mainProcurementCategory: cpv.startsWith('45') ? 'works' : Number(cpv.slice(0, 2)) >= 50 ? 'services' : 'goods', numberOfTenderers: 1 + Math.floor(next() * 8),
        items: [{id: '1', classification: {scheme: 'CPV', id: cpv, description: cpvLabel}}],
      },
      awards: [{
        id: `${ocid}-award-1`, title, status: 'active', date,
        value: {amount: Number(decimal2(minor)), currency: 'GBP'},
        suppliers: [{id: supId, name: supName}],
        contractPeriod: {startDate: date, endDate: `${2025 + Math.floor(next() * 3)}-${pad(month, 2)}-${pad(day, 2)}T00:00:00Z`},
      }],
    }
    batch.push(`${JSON.stringify(release)}\n`)
    if (batch.length === 5_000 || i === releases - 1) {
      const chunk = batch.join('')
      bytes += Buffer.byteLength(chunk)
      batch = []
      if (!out.write(chunk)) await once(out, 'drain')
    }
  }
  out.end()
  await once(out, 'finish')
  renameSync(tmp, path)
  const meta = {version: VERSION, releases, bytes, total: total.toString(), currency: 'GBP'}
  writeFileSync(metaPath, JSON.stringify(meta, null, 2))
  return {...meta, cached: false}
}
