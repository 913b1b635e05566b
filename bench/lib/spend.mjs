/**
 * Driving the spend CLI from the bench: does a command exist yet, run an import and read
 * its JSON contract, and check it reconciles with what the generator wrote.
 */
import {runNode, firstErrorLine} from './measure.mjs'
import {int} from './report.mjs'

/** True when `spend <command> --help` exits 0 (the command is built and registered). */
export async function commandExists(bin, command) {
  const r = await runNode([bin, ...command.split(' '), '--help'], {timeoutMs: 60_000})
  return {ok: r.ok, note: r.ok ? '' : `\`spend ${command}\` not available yet (${firstErrorLine(r)})`}
}

/** `"1234.50"` / `"-0.05"` / `"12"` in major units to minor units, exactly. */
export function toMinor(text, exponent = 2) {
  const neg = text.startsWith('-')
  const [whole, frac = ''] = (neg ? text.slice(1) : text).split('.')
  const v = BigInt(whole || '0') * 10n ** BigInt(exponent) + BigInt((frac + '0'.repeat(exponent)).slice(0, exponent) || '0')
  return neg ? -v : v
}

/**
 * Parse `spend import --json` stdout (`{"imports":[{rows, totals}]}`) into summed counts.
 * Returns null when the output is not that contract.
 */
export function parseImportJson(stdout) {
  try {
    const start = stdout.indexOf('{')
    const data = JSON.parse(stdout.slice(start))
    const imports = data.imports ?? data.result?.imports
    if (!Array.isArray(imports)) return null
    const rows = {read: 0, imported: 0, rejected: 0, skipped: 0}
    const totals = new Map()
    for (const imp of imports) {
      for (const k of Object.keys(rows)) rows[k] += Number(imp.rows?.[k] ?? 0)
      for (const t of imp.totals ?? []) {
        const cur = totals.get(t.currency) ?? {source: 0n, imported: 0n, rejected: 0n}
        for (const k of ['source', 'imported', 'rejected']) if (t[k] !== undefined) cur[k] += toMinor(String(t[k]))
        totals.set(t.currency, cur)
      }
    }
    return {rows, totals}
  } catch {
    return null
  }
}

/**
 * Describe whether an import accounted for every generated row and the exact total:
 * `imported + rejected = rows` and the source control total equals the generator's.
 */
export function checkImport(parsed, expectedRows, expectedTotal, currency) {
  if (!parsed) return 'import JSON not in the documented shape'
  const {rows, totals} = parsed
  const accounted = rows.imported + rows.rejected
  const parts = [`${int(rows.imported)} imported, ${int(rows.rejected)} rejected`]
  if (expectedRows !== null && accounted !== expectedRows) parts.push(`MISSING ROWS: ${accounted} of ${expectedRows}`)
  if (expectedTotal !== null) {
    const t = totals.get(currency)
    if (!t) parts.push(`no ${currency} total`)
    else if (t.source !== BigInt(expectedTotal)) parts.push(`TOTAL MISMATCH: source ${t.source} != expected ${expectedTotal} (minor units)`)
    else parts.push('total reconciles exactly')
  }
  return parts.join('; ')
}
