import {existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixture, runCli, tempDir} from '../helpers/cli.js'

const ws = () => tempDir('spendkit-ws-')

/** One line on stderr, no stack trace. */
function expectOneLineError(stderr: string): void {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(/^spend: error: /)
  expect(stderr).not.toMatch(/\n\s+at /)
}

describe('spend import', () => {
  it('imports a UK 25k file and returns the JSON contract', async () => {
    const dir = ws()
    const r = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir, '--json'])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.imports).toHaveLength(1)
    const imp = out.imports[0]
    expect(Object.keys(imp)).toEqual(expect.arrayContaining(['id', 'file', 'sha256', 'format', 'rows', 'totals']))
    expect(imp.sha256).toMatch(/^[0-9a-f]{64}$/)
    expect(Object.keys(imp.rows).sort()).toEqual(['imported', 'read', 'rejected', 'skipped'])
    // 5 data rows: 31/02/2024 is impossible, so that one is rejected with its amount.
    expect(imp.rows).toMatchObject({read: 5, imported: 4, rejected: 1})
    expect(imp.totals).toEqual([{currency: 'GBP', source: '98134.50', imported: '58134.50', rejected: '40000.00'}])
    expect(existsSync(join(dir, 'manifest.json'))).toBe(true)
  })

  it('writes the rejected row with file, line and reason', async () => {
    const dir = ws()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir])
    const [id] = readdirSync(join(dir, 'imports'))
    const rejects = readFileSync(join(dir, 'imports', id, 'rejects.csv'), 'utf8')
    expect(rejects).toMatch(/uk-25k-small\.csv.*,6,/)
    expect(rejects.toLowerCase()).toContain('date')
  })

  it('prints the mapping and the reconciliation on stderr, data on stdout', async () => {
    const r = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', ws()])
    expect(r.code).toBe(0)
    expect(r.stderr).toMatch(/supplier="Supplier"/)
    expect(r.stderr).toMatch(/GBP: source 98134\.50 = imported 58134\.50 \+ rejected 40000\.00 OK/)
    expect(r.stdout.split('\n')[0]).toBe('id,file,status,read,imported,rejected,skipped,currency,source,imported_amount,rejected_amount,path')
  })

  it('treats a re-import of the same bytes as a no-op, and --replace redoes it', async () => {
    const dir = ws()
    const first = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir, '--json'])
    const again = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir, '--json'])
    expect(JSON.parse(again.stdout).imports[0].status).toBe('unchanged')
    expect(JSON.parse(again.stdout).imports[0].id).toBe(JSON.parse(first.stdout).imports[0].id)
    const text = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir])
    expect(text.stderr).toMatch(/already imported as [0-9a-f]+, nothing to do/)
    const replaced = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir, '--replace', '--json'])
    expect(JSON.parse(replaced.stdout).imports[0].status).toBe('imported')
    const list = JSON.parse((await runCli(['imports', '--workspace', dir, '--json'])).stdout)
    expect(list.imports).toHaveLength(1)
  })

  it('reads standard input with -', async () => {
    const r = await runCli(['import', '-', '--workspace', ws(), '--json'], {input: readFileSync(fixture('cli/uk-25k-small.csv'))})
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).imports[0].rows.imported).toBe(4)
  })

  it('reads Windows-1252 semicolon files with decimal commas and Norwegian headers', async () => {
    const r = await runCli(['import', fixture('cli/latin1-semicolon.csv'), '--workspace', ws(), '--json'])
    expect(r.code).toBe(0)
    const imp = JSON.parse(r.stdout).imports[0]
    expect(imp.totals).toEqual([{currency: 'NOK', source: '984.50', imported: '984.50', rejected: '0.00'}])
  })

  it('says so when a folder holds no data file (only docs and empty sub-folders), exit 1, no workspace', async () => {
    const dir = tempDir('spendkit-empty-folder-')
    mkdirSync(join(dir, 'sub'))
    writeFileSync(join(dir, 'README.md'), '# notes\n')
    const target = join(ws(), 'w')
    const r = await runCli(['import', dir, '--workspace', target])
    expect(r.code).toBe(1)
    expect(r.stderr.trim().split('\n')).toHaveLength(1)
    expect(r.stderr).toMatch(/folder has no files/)
    expect(existsSync(target)).toBe(false)
  })

  it('uses --map to override the mapping', async () => {
    const r = await runCli(['import', fixture('cli/odd-headers.csv'), '--map', fixture('cli/map-odd.yaml'), '--currency', 'GBP', '--workspace', ws(), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).imports[0].totals[0]).toMatchObject({currency: 'GBP', imported: '30.50'})
  })

  it.each([
    ['empty.csv', /empty/i],
    ['binary.bin', /not|binary|spend/i],
    ['no-amount.csv', /amount/i],
  ])('fails on %s with one clear line, exit 1, and leaves no workspace behind', async (name, pattern) => {
    const dir = ws()
    const r = await runCli(['import', fixture('cli', name), '--workspace', dir])
    expect(r.code).toBe(1)
    expectOneLineError(r.stderr)
    expect(r.stderr).toMatch(pattern)
    expect(r.stderr).toContain(name)
    expect(r.stdout).toBe('')
    expect(existsSync(join(dir, 'manifest.json'))).toBe(false)
  })

  it('names the columns found and the --map to use when no amount column exists', async () => {
    const r = await runCli(['import', fixture('cli/no-amount.csv'), '--workspace', ws()])
    expect(r.stderr).toMatch(/Name/)
    expect(r.stderr).toMatch(/--map/)
  })

  it('shows a stack trace only with --debug', async () => {
    const r = await runCli(['import', fixture('cli/empty.csv'), '--workspace', ws(), '--debug'])
    expect(r.code).toBe(1)
    expect(r.stderr).toMatch(/\n\s+at /)
  })

  it('reports a missing file in one line', async () => {
    const r = await runCli(['import', 'no/such/file.csv', '--workspace', ws()])
    expect(r.code).toBe(1)
    expectOneLineError(r.stderr)
    expect(r.stderr).toContain('no/such/file.csv')
  })

  it('exits 2 on a usage error', async () => {
    const r = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--no-such-flag'])
    expect(r.code).toBe(2)
    const bad = await runCli(['import', fixture('cli/uk-25k-small.csv'), '--currency', 'pounds', '--workspace', ws()])
    expect(bad.code).toBe(2)
    expectOneLineError(bad.stderr)
  })

  it('returns errors as JSON under --json', async () => {
    const r = await runCli(['import', fixture('cli/empty.csv'), '--workspace', ws(), '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.error.code).toBe('EMPTY_FILE')
  })

  it('with --wait 0, refuses at once while another import holds the lock', async () => {
    const dir = ws()
    await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir])
    const {writeFileSync} = await import('node:fs')
    // A live pid on this host (our own) holds the lock.
    writeFileSync(join(dir, '.lock'), JSON.stringify({pid: process.pid, host: (await import('node:os')).hostname(), started: 'x'}))
    const r = await runCli(['import', fixture('cli/latin1-semicolon.csv'), '--workspace', dir, '--wait', '0'])
    expect(r.code).toBe(1)
    expectOneLineError(r.stderr)
    expect(r.stderr).toMatch(/lock|running/i)
  })

  it('neutralises formula injection in CSV output and keeps names as published', async () => {
    const dir = ws()
    const r = await runCli(['import', fixture('cli/formula.csv'), '--workspace', dir, '--currency', 'GBP', '--buyer', 'Test Council', '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).imports[0].rows.imported).toBe(2)
  })
})

describe('spend imports', () => {
  it('lists and removes imports by unique id prefix', async () => {
    const dir = ws()
    const a = JSON.parse((await runCli(['import', fixture('cli/uk-25k-small.csv'), '--workspace', dir, '--json'])).stdout)
    await runCli(['import', fixture('cli/latin1-semicolon.csv'), '--workspace', dir])
    const list = JSON.parse((await runCli(['imports', '--workspace', dir, '--json'])).stdout)
    expect(list.imports).toHaveLength(2)
    const id = a.imports[0].id as string
    const rm = await runCli(['imports', 'remove', id.slice(0, 8), '--workspace', dir])
    expect(rm.code).toBe(0)
    expect(rm.stderr).toContain(id)
    const after = JSON.parse((await runCli(['imports', '--workspace', dir, '--json'])).stdout)
    expect(after.imports.map((i: {id: string}) => i.id)).not.toContain(id)
    expect(existsSync(join(dir, 'imports', id))).toBe(false)
    const unknown = await runCli(['imports', 'remove', 'zzzz', '--workspace', dir])
    expect(unknown.code).not.toBe(0)
    expectOneLineError(unknown.stderr)
  })
})

describe('spend import of several files', () => {
  it('imports the good files, reports each bad one in one line, and exits 1', async () => {
    const dir = ws()
    const r = await runCli(['import', fixture('cli/uk-25k-small.csv'), fixture('cli/empty.csv'), fixture('cli/latin1-semicolon.csv'), '--workspace', dir, '--json'])
    expect(r.code).toBe(1)
    const out = JSON.parse(r.stdout)
    expect(out.imports.map((i: {file: string}) => i.file.split('/').pop())).toEqual(['uk-25k-small.csv', 'latin1-semicolon.csv'])
    expect(out.failed).toEqual([expect.objectContaining({code: 'EMPTY_FILE', file: fixture('cli/empty.csv')})])
    const list = JSON.parse((await runCli(['imports', '--workspace', dir, '--json'])).stdout)
    expect(list.imports).toHaveLength(2)
    const text = await runCli(['import', fixture('cli/empty.csv'), fixture('cli/no-amount.csv'), '--workspace', dir])
    expect(text.code).toBe(1)
    expect(text.stderr.split('\n').filter((l) => l.startsWith('spend: error:'))).toHaveLength(2)
    expect(text.stderr).toMatch(/2 of 2 files could not be imported/)
  })
})
