// Micro-benchmark of the Parquet writer (not part of `npm run bench`):
// synthetic rows in EXPORT_COLUMNS shape, written in 64k-row batches.
//   npx tsc -p tsconfig.build.json && node bench/lib/parquet-micro.mjs [rows] [out.parquet|-] [rowGroupBytes]
import {mkdtempSync, rmSync, statSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {openParquetWriter} from '../../build/tsc/io/write/export/parquet.js'
import {EXPORT_COLUMNS} from '../../build/tsc/io/write/export/types.js'

const rows = Number(process.argv[2] ?? 1_000_000)
const named = process.argv[3] && process.argv[3] !== '-'
const dir = named ? undefined : mkdtempSync(join(tmpdir(), 'parquet-micro-'))
const out = named ? process.argv[3] : join(dir, 'micro.parquet')
const rowGroupBytes = process.argv[4] ? Number(process.argv[4]) : undefined
const BATCH = 65_536

const buyers = Array.from({length: 40}, (_, i) => `Buyer council ${i}`)
const suppliers = Array.from({length: 5000}, (_, i) => `Supplier ${i} Ltd`)
const units = Array.from({length: 200}, (_, i) => `Unit ${i}`)

function value(c, i) {
  const s = i * 2654435761 % 4294967296
  switch (c.name) {
    case 'import_id': return 'abc123def456'
    case 'source_file': return 'spend.csv'
    case 'source_line': return BigInt(i + 2)
    case 'buyer_id': case 'buyer': return buyers[s % 40]
    case 'unit': return s % 11 === 0 ? null : units[s % 200]
    case 'supplier_id': return s % 3 === 0 ? `GB-COH-${String(s % 5000).padStart(8, '0')}` : null
    case 'supplier_key': case 'supplier': case 'published_supplier': return suppliers[s % 5000]
    case 'supplier_unidentified': case 'redacted': return s % 97 === 0
    case 'date': return s % 53 === 0 ? null : 19000 + (s % 1500)
    case 'amount_minor': return BigInt((s % 10_000_000) - 100_000)
    case 'currency': return 'GBP'
    case 'currency_exponent': return 2
    case 'description': return s % 5 === 0 ? null : `Payment ref ${s} for services`
    case 'transaction_id': return `T${i}`
    case 'invoice_number': return s % 2 ? `INV-${s % 1_000_000}` : null
    case 'buyer_origin': return 'column'
    default: return c.type === 'string' ? (s % 7 === 0 ? null : `code ${s % 300}`) : null
  }
}

let peak = 0
const sample = () => { peak = Math.max(peak, process.memoryUsage().rss) }
const t0 = process.hrtime.bigint()
const w = await openParquetWriter(out, EXPORT_COLUMNS, {tool: 'spendkit micro', imports: [{id: 'abc123def456', file: 'spend.csv', sha256: '0'.repeat(64)}]}, {rowGroupBytes})
let genNs = 0n
for (let from = 0; from < rows; from += BATCH) {
  const g0 = process.hrtime.bigint()
  const n = Math.min(BATCH, rows - from)
  const values = {}
  for (const c of EXPORT_COLUMNS) {
    const a = new Array(n)
    for (let k = 0; k < n; k++) a[k] = value(c, from + k)
    values[c.name] = a
  }
  genNs += process.hrtime.bigint() - g0
  await w.write({length: n, values})
  sample()
}
const {bytes} = await w.finish()
sample()
const total = Number(process.hrtime.bigint() - t0) / 1e9
console.log(JSON.stringify({rows, seconds: +total.toFixed(2), writeSeconds: +(total - Number(genNs) / 1e9).toFixed(2), mb: +(bytes / 1e6).toFixed(1), peakRssMb: Math.round(peak / 1e6), fileBytes: statSync(out).size}))
if (dir) rmSync(dir, {recursive: true, force: true})
