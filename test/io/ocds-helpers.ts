/** Shared helpers for the OCDS reader tests: in-memory sources and a collecting sink. */
import {readFileSync} from 'node:fs'
import type {RejectedRow, SpendRecord} from '../../src/model/record.js'
import {readOcds, type OcdsSourceReport, type OcdsTuning} from '../../src/io/read/ocds/index.js'
import type {ImportOptions, JsonSource} from '../../src/io/read/types.js'

/** A JsonSource over a string, cut into small chunks so chunk boundaries get exercised. */
export function textSource(name: string, text: string, format: 'json' | 'jsonl' = 'json', chunk = 997): JsonSource {
  return {kind: 'json', name, format, container: [], encoding: 'utf-8', text: (async function* () {
    for (let i = 0; i < text.length; i += chunk) yield text.slice(i, i + chunk)
  })()}
}

export interface ReadResult {
  report: OcdsSourceReport
  records: SpendRecord[]
  rejects: RejectedRow[]
}

export async function read(source: JsonSource, opts: Partial<ImportOptions> = {}, tuning?: OcdsTuning): Promise<ReadResult> {
  const records: SpendRecord[] = []
  const rejects: RejectedRow[] = []
  const sink = {add: (r: SpendRecord) => records.push(r), reject: (r: RejectedRow) => rejects.push(r)}
  const report = await readOcds(source, {importId: 'test', label: source.name, ...opts}, sink, tuning)
  return {report, records, rejects}
}

export async function readText(name: string, text: string, opts: Partial<ImportOptions> = {}, format: 'json' | 'jsonl' = 'json') {
  return read(textSource(name, text, format), opts)
}

export function readFixture(path: string, opts: Partial<ImportOptions> = {}) {
  const format = path.endsWith('.jsonl') ? 'jsonl' : 'json'
  return readText(path.split('/').pop()!, readFileSync(path, 'utf8'), opts, format)
}

/** Imported minor units per currency, summed exactly. */
export function totalsByCurrency(records: SpendRecord[]): Record<string, bigint> {
  const out: Record<string, bigint> = {}
  for (const r of records) out[r.currency] = (out[r.currency] ?? 0n) + BigInt(r.amount)
  return out
}
