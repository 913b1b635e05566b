import {spawn} from 'node:child_process'
import {existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {hostname} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {SpendInputError} from '../../src/errors.js'
import {Workspace} from '../../src/io/workspace/index.js'
import {deadPid, frameRows, meta, record, reject, report, tempWorkspace} from './workspace-fixtures.js'

/** Everything under the workspace, with file contents, to compare before/after. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir, {withFileTypes: true})) {
      if (name.name === '.lock') continue
      const path = join(dir, name.name)
      if (name.isDirectory()) walk(path, `${rel}${name.name}/`)
      else out[`${rel}${name.name}`] = readFileSync(path).toString('base64')
    }
  }
  walk(root, '')
  return out
}

async function seeded(): Promise<{root: string; ws: Workspace; before: Record<string, string>}> {
  const root = tempWorkspace()
  const ws = new Workspace(root)
  const w = await ws.beginImport(meta('aaaaaaaaaaaa'), {partRows: 2})
  for (const s of ['A', 'B', 'C']) w.add(record({supplier: s}))
  w.reject(reject({amount: 5, currency: 'GBP'}))
  await w.commit({files: [report()]})
  return {root, ws, before: snapshot(root)}
}

/** Pretend the process holding the lock was SIGKILLed: the lock now names a dead pid. */
function killHolder(root: string): void {
  writeFileSync(join(root, '.lock'), JSON.stringify({pid: deadPid(), host: hostname(), started: 'then'}))
}

describe('workspace atomic commit', () => {
  it('abort mid-way leaves the workspace byte-for-byte as it was, and unlocked', async () => {
    const {root, ws, before} = await seeded()
    const w = await ws.beginImport(meta('bbbbbbbbbbbb'), {partRows: 1})
    for (let i = 0; i < 5; i++) w.add(record({supplier: `X${i}`}))
    w.reject(reject())
    expect(readdirSync(root).some((n) => n.startsWith('.tmp-'))).toBe(true)
    await w.abort()
    expect(snapshot(root)).toEqual(before)
    expect(existsSync(join(root, '.lock'))).toBe(false)
  })

  it('a writer killed mid-import changes nothing visible, and the next writer cleans up after it', async () => {
    const {root, ws, before} = await seeded()
    const w = await ws.beginImport(meta('bbbbbbbbbbbb'), {partRows: 1})
    for (let i = 0; i < 3; i++) w.add(record({supplier: `X${i}`}))
    killHolder(root)
    // Readers ignore the leftover temp folder.
    expect((await ws.list()).map((e) => e.id)).toEqual(['aaaaaaaaaaaa'])
    expect(frameRows(await ws.loadFrame(['supplier']), ['supplier']).map((r) => r.supplier)).toEqual(['A', 'B', 'C'])
    // The next writer takes over the stale lock and removes the temp folder.
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(before)
  })

  it('an import folder left without a manifest entry (killed before the manifest rename) is removed', async () => {
    const {root, ws, before} = await seeded()
    mkdirSync(join(root, 'imports/dddddddddddd'))
    writeFileSync(join(root, 'imports/dddddddddddd/part-00000.arrow'), 'junk')
    writeFileSync(join(root, 'manifest.json.tmp-123'), '{')
    expect((await ws.list()).map((e) => e.id)).toEqual(['aaaaaaaaaaaa'])
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(before)
  })

  it('a replace killed after moving the old folder aside is rolled back', async () => {
    const {root, ws, before} = await seeded()
    renameSync(join(root, 'imports/aaaaaaaaaaaa'), join(root, '.old-aaaaaaaaaaaa'))
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(before)
  })

  it('a replace killed after renaming the new folder in, before the manifest, is rolled back', async () => {
    const {root, ws, before} = await seeded()
    renameSync(join(root, 'imports/aaaaaaaaaaaa'), join(root, '.old-aaaaaaaaaaaa'))
    mkdirSync(join(root, 'imports/aaaaaaaaaaaa'))
    writeFileSync(join(root, 'imports/aaaaaaaaaaaa/entry.json'), '{"id":"aaaaaaaaaaaa","new":true}')
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(before)
  })

  it('a replace killed after the manifest rename keeps the new import', async () => {
    const {root, ws} = await seeded()
    const w = await ws.beginImport(meta('aaaaaaaaaaaa'), {replace: true})
    w.add(record({supplier: 'New'}))
    await w.commit({files: [report()]})
    const after = snapshot(root)
    // As if the old folder's deletion had not happened yet.
    mkdirSync(join(root, '.old-aaaaaaaaaaaa'))
    writeFileSync(join(root, '.old-aaaaaaaaaaaa/part-00000.arrow'), 'old')
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(after)
    expect(frameRows(await ws.loadFrame(['supplier']), ['supplier'])).toEqual([{supplier: 'New'}])
  })
})

describe('workspace manifest recovery', () => {
  it('rebuilds a deleted manifest from the imports\' own entry.json on the next write', async () => {
    const {root, ws, before} = await seeded()
    rmSync(join(root, 'manifest.json'))
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
    expect(snapshot(root)).toEqual(before)
  })

  it('a first import killed after its folder was renamed in is discarded, not adopted', async () => {
    const root = tempWorkspace()
    const ws = new Workspace(root)
    const w = await ws.beginImport(meta('aaaaaaaaaaaa'))
    w.add(record())
    killHolder(root)
    // The state just before the manifest rename: folder in place, entry.json written, manifest empty.
    const tmp = readdirSync(root).find((n) => n.startsWith('.tmp-'))!
    writeFileSync(join(root, tmp, 'entry.json'), JSON.stringify({id: 'aaaaaaaaaaaa'}))
    mkdirSync(join(root, 'imports'))
    renameSync(join(root, tmp), join(root, 'imports/aaaaaaaaaaaa'))
    await (await ws.beginImport(meta('bbbbbbbbbbbb'))).abort()
    expect(readdirSync(join(root, 'imports'))).toEqual([])
    expect(await ws.list()).toEqual([])
  })
})

describe('workspace lock', () => {
  it('a second writer gets WORKSPACE_LOCKED naming the pid, until the first finishes', async () => {
    const {ws} = await seeded()
    const first = await ws.beginImport(meta('bbbbbbbbbbbb'))
    const err = await ws.beginImport(meta('cccccccccccc')).catch((e: unknown) => e)
    expect(err).toMatchObject({code: 'WORKSPACE_LOCKED'})
    expect((err as SpendInputError).oneLine()).toMatch(
      new RegExp(`: the workspace is locked by pid ${process.pid} on ${hostname()} since \\S+, another spend writing it \\(wait for it with --wait SECONDS, or remove .*\\.lock if that process is gone\\)$`),
    )
    await expect(ws.remove('aaa')).rejects.toMatchObject({code: 'WORKSPACE_LOCKED'})
    first.add(record())
    await first.commit({files: [report()]})
    await (await ws.beginImport(meta('cccccccccccc'))).abort()
  })

  it('a writer given a wait says so once, waits while the lock is held, and goes on when it is released', async () => {
    const {root, ws} = await seeded()
    const first = await ws.beginImport(meta('bbbbbbbbbbbb'))
    const notes: string[] = []
    let told!: () => void
    const waiting = new Promise<void>((r) => (told = r))
    const patient = new Workspace(root, {seconds: 600, onWait: (line) => {
      notes.push(line)
      told()
    }})
    let second: Awaited<ReturnType<Workspace['beginImport']>> | undefined
    const begun = patient.beginImport(meta('cccccccccccc')).then((w) => (second = w))
    await waiting
    // Still waiting: the first writer holds the lock until it commits.
    expect(second).toBeUndefined()
    first.add(record())
    await first.commit({files: [report()]})
    await begun
    expect(JSON.parse(readFileSync(join(root, '.lock'), 'utf8')).pid).toBe(process.pid)
    await second!.abort()
    expect(notes).toEqual([`spend: waiting for the workspace lock held by pid ${process.pid} on ${hostname()} since ${notes[0].match(/since (\S+);/)?.[1]}; up to 600 s (--wait SECONDS)`])
    expect((await ws.list()).map((e) => e.id)).toContain('bbbbbbbbbbbb')
  })

  it('a writer given a wait gives up after it with WORKSPACE_LOCKED saying how long it waited', async () => {
    const {root, ws} = await seeded()
    const first = await ws.beginImport(meta('bbbbbbbbbbbb'))
    const notes: string[] = []
    const err = await new Workspace(root, {seconds: 1, onWait: (l) => notes.push(l)}).remove('aaa').catch((e: unknown) => e)
    expect(err).toMatchObject({code: 'WORKSPACE_LOCKED'})
    expect((err as SpendInputError).hint).toMatch(/^waited 1 s; wait longer with --wait SECONDS, or remove .*\.lock if that process is gone$/)
    expect(notes).toHaveLength(1)
    await first.abort()
    expect((await ws.list()).map((e) => e.id)).toContain('aaaaaaaaaaaa')
  })

  it('a lock held by a live process is respected; once that process dies it is taken over', async () => {
    const {root, ws} = await seeded()
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], {stdio: 'ignore'})
    try {
      writeFileSync(join(root, '.lock'), JSON.stringify({pid: child.pid, host: hostname(), started: 'now'}))
      await expect(ws.beginImport(meta('bbbbbbbbbbbb'))).rejects.toMatchObject({code: 'WORKSPACE_LOCKED'})
    } finally {
      const exited = new Promise((r) => child.once('exit', r))
      child.kill('SIGKILL')
      await exited
    }
    const w = await ws.beginImport(meta('bbbbbbbbbbbb'))
    expect(JSON.parse(readFileSync(join(root, '.lock'), 'utf8')).pid).toBe(process.pid)
    await w.abort()
    expect(existsSync(join(root, '.lock'))).toBe(false)
  })

  it('a lock from another host is never taken over', async () => {
    const {root, ws} = await seeded()
    writeFileSync(join(root, '.lock'), JSON.stringify({pid: deadPid(), host: `not-${hostname()}`, started: 'then'}))
    await expect(ws.beginImport(meta('bbbbbbbbbbbb'))).rejects.toMatchObject({code: 'WORKSPACE_LOCKED'})
  })
})
