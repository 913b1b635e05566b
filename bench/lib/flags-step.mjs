/**
 * The flags step (issue 12): `spend flags --json` (every check, default parameters) over the
 * N-row workspace of the analysis CSV (bench/data/uk-N.csv, 200 buyers, 50,000 suppliers, 500
 * categories), as a whole process: median of `--repeat` runs, CPU seconds and peak RSS. The
 * CSV is generated once (cached) and imported untimed into bench/tmp/ws-flags.
 */
import {rmSync} from 'node:fs'
import {join} from 'node:path'
import {generateUkCsv} from './gen-uk.mjs'
import {firstErrorLine, runNode, runNodeRepeated} from './measure.mjs'
import {int, num} from './report.mjs'
import {commandExists} from './spend.mjs'

export const FLAGS_TARGET_SECONDS = 3

/** Flags per check in the JSON a timed run discarded, e.g. `42 flags (duplicates 30, weekend 12), 0.1 MB of JSON`. */
function describe(stdout) {
  try {
    const j = JSON.parse(stdout)
    const by = new Map()
    for (const f of j.flags) by.set(f.check, (by.get(f.check) ?? 0) + 1)
    const parts = [...by].sort(([a], [b]) => (a < b ? -1 : 1)).map(([c, n]) => `${c} ${int(n)}`)
    const mb = (Buffer.byteLength(stdout) / 1e6).toFixed(1)
    return `${int(j.flags.length)} flags${parts.length ? ` (${parts.join(', ')})` : ''}, ${mb} MB of JSON`
  } catch {
    return 'output not the documented JSON'
  }
}

/**
 * @returns {Promise<{rows: object[]}>}
 */
export async function benchFlags({bin, dataDir, tmpDir, rows, repeat, notes, log}) {
  const cmd = await commandExists(bin, 'flags')
  if (!cmd.ok) {
    notes.push(`flags: ${cmd.note}`)
    return {rows: []}
  }
  const csv = join(dataDir, `uk-${rows}.csv`)
  log(`  generating ${csv} (cached after the first run) ...`)
  await generateUkCsv(csv, rows)
  const ws = join(tmpDir, 'ws-flags')
  rmSync(ws, {recursive: true, force: true})
  log('  spend import (untimed) ...')
  const imp = await runNode([bin, 'import', csv, '--workspace', ws, '--json'], {timeoutMs: 20 * 60_000})
  if (!imp.ok) {
    notes.push(`flags: the import of ${csv} failed (${firstErrorLine(imp)}): step skipped.`)
    return {rows: []}
  }
  const args = ['flags', '--json', '--workspace', ws]
  log('  spend flags --json ...')
  const row = {command: 'flags --json', target: FLAGS_TARGET_SECONDS, note: ''}
  const r = await runNodeRepeated(repeat, [bin, ...args], {timeoutMs: 10 * 60_000, discardStdout: true})
  if (r.ok) {
    Object.assign(row, {seconds: r.seconds, rssMB: r.rssMB, cpuSeconds: r.cpuSeconds, runs: r.all.map((x) => x.seconds)})
    // One more, untimed run whose JSON is read (the timed ones write to /dev/null).
    const check = await runNode([bin, ...args], {timeoutMs: 10 * 60_000})
    row.note = check.ok ? describe(check.stdout) : `check run failed: ${firstErrorLine(check)}`
  } else row.note = `spend failed: ${firstErrorLine(r)}`
  log(`    ${row.seconds?.toFixed(2) ?? '-'} s, ${row.rssMB?.toFixed(0) ?? '-'} MB ${row.note}`)
  rmSync(ws, {recursive: true, force: true})
  return {rows: [row]}
}

/** The section of RESULTS.md (issue 12). */
export function flagsSection(r, table) {
  const rows = r.flags?.rows ?? []
  return [
    `## Flags (issue 12): \`spend flags --json\`, every check, ${int(r.config.rows)}-row workspace`,
    '',
    table(['command', 'spend s', 'CPU s (user+sys)', 'peak RSS MB', 'target s', 'spend / target', 'under target', 'notes'],
      rows.map((x) => [`\`${x.command}\``, num(x.seconds), num(x.cpuSeconds), num(x.rssMB, 0), num(x.target, 0),
        x.seconds ? (x.seconds / x.target).toFixed(2) : '-', x.seconds ? (x.seconds < x.target ? 'yes' : 'no') : '-',
        [x.note, x.runs ? `runs ${x.runs.map((t) => t.toFixed(2)).join(', ')} s` : ''].filter(Boolean).join('; ')])),
    '',
    'The workspace of the analysis CSV (200 buyers, 50,000 suppliers, 500 categories, GBP), imported untimed; every check',
    'with its default parameters and the thresholds file of its currency, no config. stdout goes to /dev/null; one more',
    'untimed run reads the JSON for the flag counts in the notes. The reference is the issue\'s target (under 3 s, whole',
    'process): no other engine runs these checks, so there is no engine ratio.',
    '',
  ]
}
