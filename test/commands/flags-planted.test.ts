/**
 * `spend flags` on the planted-anomaly fixture (test/fixtures/flags/): every
 * planted anomaly is found by its check (a flag of that check and buyer,
 * of the planted kind where the contract fixes one, whose evidence lists the
 * planted lines), no look-alike line is evidence of a `duplicates` or
 * `splitting` flag, and every other flag is printed so the list can be read.
 */
import {join} from 'node:path'
import {beforeAll, describe, expect, it} from 'vitest'
import {runCli, tempDir} from '../helpers/cli.js'
import {generateFlagsFixture, type Planted} from '../fixtures/flags/generate.js'

interface JsonFlag {
  check: string
  kind: string
  buyer: string
  supplier: string | null
  amount: string
  explanation: string
  evidence: {import: string; file: string; line: number}[]
  evidence_count: number
}

const fx = generateFlagsFixture(tempDir('spendkit-flags-planted-'))
const ws = join(tempDir('spendkit-flags-ws-'), 'ws')
let flags: JsonFlag[] = []
let parameters = ''
let run = ''

const key = (file: string, line: number) => `${file}:${line}`

/**
 * True when the flag finds the planted anomaly: same check, buyer and (where fixed) kind, and its evidence lists
 * every planted line; where the evidence is cut at 50 lines, the lines listed are planted ones and the count covers them.
 */
function finds(f: JsonFlag, p: Planted): boolean {
  if (f.check !== p.check || f.buyer !== p.buyer || (p.kind !== null && f.kind !== p.kind)) return false
  const listed = new Set(f.evidence.map((e) => key(e.file, e.line)))
  const lines = p.lines.map((l) => key(l.file, l.line))
  if (f.evidence.length >= f.evidence_count) return lines.every((l) => listed.has(l))
  const mine = new Set(lines)
  return f.evidence_count >= lines.length && f.evidence.length > 0 && f.evidence.every((e) => mine.has(key(e.file, e.line)))
}

beforeAll(async () => {
  const imported = await runCli(['import', fx.dir, '--workspace', ws])
  expect(imported.code, imported.stderr).toBe(0)
  const r = await runCli(['flags', '--json', '--config', fx.config, '--workspace', ws])
  run = `exit ${r.code}: ${(r.stderr.trim() || r.stdout.trim()).split('\n').slice(0, 5).join(' | ')}`
  if (r.code !== 0) return
  const json = JSON.parse(r.stdout) as {parameters: unknown; flags: JsonFlag[]}
  flags = json.flags
  parameters = JSON.stringify(json.parameters)
})

describe('the planted-anomaly matcher', () => {
  const answer = (p: Planted, over: Partial<JsonFlag> = {}): JsonFlag => ({
    check: p.check, kind: p.kind ?? 'some-kind', buyer: p.buyer, supplier: null, amount: '1.00', explanation: p.what,
    evidence: p.lines.slice(0, 50).map((l) => ({import: 'x', ...l})), evidence_count: p.lines.length, ...over,
  })

  it('accepts a flag listing every planted line (or the first 50 of them, with the count), and nothing less', () => {
    for (const p of fx.planted) {
      expect(finds(answer(p), p), p.id).toBe(true)
      expect(finds(answer(p, {buyer: 'Elsewhere'}), p), p.id).toBe(false)
      expect(finds(answer(p, {check: 'round-amounts'}), p), p.id).toBe(false)
      const short = answer(p)
      expect(finds({...short, evidence: short.evidence.slice(1), evidence_count: short.evidence_count - 1}, p), p.id).toBe(false)
    }
    const exact = fx.planted.find((p) => p.kind === 'exact')!
    expect(finds(answer(exact, {kind: 'same-amount-other-number'}), exact)).toBe(false)
    const benford = fx.planted.find((p) => p.check === 'benford')!
    expect(benford.lines.length).toBeGreaterThan(50)
    expect(finds(answer(benford, {evidence_count: 10}), benford)).toBe(false)
  })
})

describe('spend flags on the planted-anomaly fixture', () => {
  it('runs the checks and exits 0', () => {
    expect(run, 'spend flags --json --config flags.yaml').toMatch(/^exit 0/)
    expect(Array.isArray(flags)).toBe(true)
    // The config's thresholds and holidays are the ones used (echoed with the parameters).
    expect(parameters).toContain('Synthetic contract procedure rules 2020')
    expect(parameters).toContain('2024-12-25')
  })

  it.each(fx.planted.map((p) => [p.id, p] as const))('finds the planted anomaly %s', (_id, p) => {
    const near = flags.filter((f) => f.check === p.check && f.buyer === p.buyer)
    const lines = p.lines.slice(0, 5).map((l) => key(l.file, l.line)).join(', ')
    expect(flags.some((f) => finds(f, p)),
      `missed planted ${p.id}: ${p.check}${p.kind ? ` (${p.kind})` : ''} should flag ${p.what} at ${lines}${p.lines.length > 5 ? ` and ${p.lines.length - 5} more lines` : ''}` +
      ` in ${p.buyer}; ${near.length} ${p.check} flags for this buyer (${run})`).toBe(true)
  })

  it('lists no look-alike line as evidence of a duplicates or splitting flag', () => {
    expect(run, 'spend flags --json --config flags.yaml').toMatch(/^exit 0/)
    const wrong: string[] = []
    for (const a of fx.lookAlikes) {
      const lines = new Set(a.lines.map((l) => key(l.file, l.line)))
      for (const f of flags) {
        if (!a.notFlaggedBy.includes(f.check)) continue
        const hit = f.evidence.filter((e) => lines.has(key(e.file, e.line)))
        if (hit.length > 0) wrong.push(`${a.id} (${a.what}) flagged by ${f.check}/${f.kind} at ${hit.map((e) => key(e.file, e.line)).join(', ')}: ${f.explanation}`)
      }
    }
    expect(wrong, `look-alikes flagged:\n${wrong.join('\n')}`).toEqual([])
  })

  it('prints every other flag', () => {
    const others = flags.filter((f) => !fx.planted.some((p) => finds(f, p)))
    console.log(`${others.length} other flags (${flags.length} in all):\n${others.map((f) => `  ${f.check} ${f.kind} | ${f.buyer} | ${f.explanation}`).join('\n')}`)
    // Each listed flag says what it is, with its numbers and evidence (at most 50 lines listed, the count of all).
    for (const f of flags) {
      expect([f.check, f.kind, f.buyer, f.explanation].every((t) => typeof t === 'string' && t.length > 0), JSON.stringify(f).slice(0, 200)).toBe(true)
      expect(f.explanation).not.toContain('\n')
      expect(f.evidence.length).toBeLessThanOrEqual(Math.min(50, f.evidence_count))
    }
    expect(flags.length, run).toBeGreaterThan(0)
  })
})
