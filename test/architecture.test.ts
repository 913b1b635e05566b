import {readdirSync, readFileSync} from 'node:fs'
import {join, relative, resolve, dirname} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from './helpers/cli.js'

/**
 * The layers of docs/DESIGN.md, checked on the imports themselves:
 * commands -> services -> io and analysis -> model. A test, so a shortcut
 * through the layers fails here rather than in a later read of the code.
 */
const SRC = join(ROOT, 'src')

function sources(dir: string): string[] {
  return readdirSync(dir, {withFileTypes: true}).flatMap((e) => {
    const p = join(dir, e.name)
    if (e.isDirectory()) return sources(p)
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : []
  })
}

/** Every import specifier of a file: static, type-only, re-exports and dynamic imports. */
function specifiers(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const out: string[] = []
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1])
  return out
}

/** The top folder under src/ a file or specifier lands in ('analysis', 'io', ...), or the bare package name. */
function layerOf(file: string, spec: string): string {
  if (!spec.startsWith('.')) return spec.startsWith('node:') ? 'node' : spec
  const target = relative(SRC, resolve(dirname(file), spec))
  return target.startsWith('..') ? 'outside' : target.split('/')[0].replace(/\.js$/, '')
}

const files = sources(SRC)
const importsOf = (layer: string) =>
  files.filter((f) => relative(SRC, f).split('/')[0] === layer).flatMap((f) => specifiers(f).map((s) => ({file: relative(ROOT, f), spec: s, layer: layerOf(f, s)})))

describe('layers', () => {
  it('finds the sources it checks', () => {
    for (const layer of ['analysis', 'io', 'model', 'services', 'commands']) expect(importsOf(layer).length).toBeGreaterThan(0)
  })

  it('analysis imports only model, analysis, errors and messages: no io, services, commands, file system or terminal', () => {
    const bad = importsOf('analysis').filter((i) => !['analysis', 'model', 'errors', 'messages'].includes(i.layer))
    expect(bad).toEqual([])
  })

  it('model imports nothing above it', () => {
    const bad = importsOf('model').filter((i) => !['model', 'errors', 'messages', 'node'].includes(i.layer))
    expect(bad).toEqual([])
  })

  it('io never imports services, commands or the CLI framework', () => {
    const bad = importsOf('io').filter((i) => ['services', 'commands', 'base-command', 'flags', 'analysis-flags'].includes(i.layer) || i.layer.startsWith('@oclif/'))
    expect(bad).toEqual([])
  })

  it('services never import commands or the CLI framework', () => {
    const bad = importsOf('services').filter((i) => ['commands', 'base-command', 'flags', 'analysis-flags'].includes(i.layer) || i.layer.startsWith('@oclif/'))
    expect(bad).toEqual([])
  })

  it('nothing imports a command', () => {
    const bad = files.filter((f) => !relative(SRC, f).startsWith('commands/')).flatMap((f) => specifiers(f).filter((s) => layerOf(f, s) === 'commands').map((s) => `${relative(ROOT, f)}: ${s}`))
    expect(bad).toEqual([])
  })

  it('no package is reached through its private files', () => {
    const bad = files.flatMap((f) => specifiers(f).filter((s) => /^(@[^/]+\/)?[^./][^/]*\/(src|lib|dist)\//.test(s)).map((s) => `${relative(ROOT, f)}: ${s}`))
    expect(bad).toEqual([])
  })
})
