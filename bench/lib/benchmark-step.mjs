/**
 * The benchmark step (issue 10): `spend benchmark B --auto 200 --json` (one buyer against
 * 200 peers) and `spend peers B --auto 15 --json` over a 1M-row workspace of 201 buyers in
 * GBP, as whole processes. The workspace comes from a generated CSV cached in bench/data/
 * (the analysis CSV has 200 buyers, one short of a buyer and 200 peers), imported untimed.
 */
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {generateUkCsv} from './gen-uk.mjs'
import {firstErrorLine, runNode, runNodeRepeated} from './measure.mjs'
import {commandExists} from './spend.mjs'

export const PEERS = 200
export const AUTO_PEERS = 15
export const TARGET_SECONDS = 1

/** The largest buyer by total spend (`spend cube --by buyer`, first row): a deterministic target. */
async function largestBuyer(bin, ws) {
  const r = await runNode([bin, 'cube', '--by', 'buyer', '--workspace', ws, '--format', 'csv'], {timeoutMs: 5 * 60_000})
  if (!r.ok) return null
  const [header, first] = r.stdout.split('\n')
  const at = header.split(',').indexOf('buyer_id')
  return at >= 0 && first ? first.split(',')[at] : null
}

/** Facts of the JSON result a timed run discarded: peers compared, measures, size. */
function describe(stdout, kind) {
  try {
    const j = JSON.parse(stdout)
    const mb = (Buffer.byteLength(stdout) / 1e6).toFixed(1)
    if (kind === 'benchmark') return `${j.peers.length} peers, ${j.measures.length} measures (${j.measures.filter((m) => m.measure === 'category_mix').length} category-mix), ${mb} MB of JSON`
    return `${j.peers.length} peers, ${j.features.length} features, ${mb} MB of JSON`
  } catch {
    return 'output not the documented JSON'
  }
}

/**
 * @returns {Promise<{rows: object[], buyers: number|null, target: string|null}>}
 */
export async function benchBenchmark({bin, dataDir, tmpDir, rows, repeat, notes, log}) {
  const cmds = [await commandExists(bin, 'benchmark'), await commandExists(bin, 'peers')]
  const missing = cmds.filter((c) => !c.ok)
  if (missing.length > 0) {
    notes.push(...missing.map((c) => `benchmark: ${c.note}`))
    return {rows: [], buyers: null, target: null}
  }
  const csv = join(dataDir, `uk-${rows}-b${PEERS + 1}.csv`)
  log(`  generating ${csv} (cached after the first run) ...`)
  const meta = await generateUkCsv(csv, rows, {buyers: PEERS + 1})
  const ws = join(tmpDir, 'ws-benchmark')
  rmSync(ws, {recursive: true, force: true})
  log('  spend import (untimed) ...')
  const imp = await runNode([bin, 'import', csv, '--workspace', ws, '--json'], {timeoutMs: 20 * 60_000})
  if (!imp.ok) {
    notes.push(`benchmark: the import of ${csv} failed (${firstErrorLine(imp)}): step skipped.`)
    return {rows: [], buyers: meta.buyers, target: null}
  }
  const target = await largestBuyer(bin, ws)
  if (!target) {
    notes.push('benchmark: no buyer found in the workspace: step skipped.')
    return {rows: [], buyers: meta.buyers, target: null}
  }
  const cases = [
    {command: `benchmark BUYER --auto ${PEERS} --json`, args: ['benchmark', target, '--auto', String(PEERS), '--json'], kind: 'benchmark'},
    {command: `peers BUYER --auto ${AUTO_PEERS} --json`, args: ['peers', target, '--auto', String(AUTO_PEERS), '--json'], kind: 'peers'},
  ]
  const out = []
  for (const c of cases) {
    log(`  spend ${c.command} ...`)
    const row = {command: c.command, target: TARGET_SECONDS, note: ''}
    const r = await runNodeRepeated(repeat, [bin, ...c.args, '--workspace', ws], {timeoutMs: 5 * 60_000, discardStdout: true})
    if (r.ok) {
      Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB, cpuSeconds: r.cpuSeconds, runs: r.all.map((x) => x.seconds)})
      // One more, untimed run whose JSON is read (the timed ones write to /dev/null).
      const check = await runNode([bin, ...c.args, '--workspace', ws], {timeoutMs: 5 * 60_000})
      row.note = check.ok ? describe(check.stdout, c.kind) : `check run failed: ${firstErrorLine(check)}`
    } else row.note = `spend failed: ${firstErrorLine(r)}`
    log(`    ${row.seconds?.toFixed(2) ?? '-'} s, ${row.rssMB?.toFixed(0) ?? '-'} MB ${row.note}`)
    out.push(row)
  }
  rmSync(ws, {recursive: true, force: true})
  return {rows: out, buyers: meta.buyers, target}
}
