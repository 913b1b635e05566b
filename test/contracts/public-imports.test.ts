/**
 * The code uses packages through their public entry points only. A deep
 * import such as `@uwdata/flechette/src/decode/schema.js` reaches into a
 * package's private files: the next release may move them, or add an
 * `exports` map that forbids them, and whatever rests on them (the
 * workspace's part reader did) breaks on an ordinary upgrade.
 */
import {readFileSync, readdirSync, statSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from '../helpers/cli.js'

function sources(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name)
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : []
  })
}

/** Every module specifier in a file: import/export ... from, import(), declare module. */
function specifiers(text: string): string[] {
  const out: string[] = []
  for (const re of [/\bfrom\s+'([^']+)'/g, /\bimport\(\s*'([^']+)'\s*\)/g, /^\s*import\s+'([^']+)'/gm, /\bdeclare\s+module\s+'([^']+)'/g]) {
    for (const m of text.matchAll(re)) out.push(m[1])
  }
  return out
}

/** The package name and the subpath ('.' for the root) of a bare specifier. */
function split(spec: string): {pkg: string; sub: string} {
  const parts = spec.split('/')
  const n = spec.startsWith('@') ? 2 : 1
  const rest = parts.slice(n).join('/')
  return {pkg: parts.slice(0, n).join('/'), sub: rest ? `./${rest}` : '.'}
}

/** Whether the package documents this subpath as an entry point (its `exports` map lists it). */
function isPublic(pkg: string, sub: string): boolean {
  if (sub === '.') return true
  const manifest = JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as {exports?: unknown}
  const exports = manifest.exports
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return false
  return Object.keys(exports).some((key) => {
    if (!key.includes('*')) return key === sub
    const [head, tail] = key.split('*')
    return sub.startsWith(head) && sub.endsWith(tail)
  })
}

describe('imports of packages', () => {
  it('no file in src imports a package\'s private path', () => {
    const offenders: string[] = []
    for (const file of sources(join(ROOT, 'src'))) {
      for (const spec of specifiers(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.') || spec.startsWith('node:')) continue
        const {pkg, sub} = split(spec)
        if (!isPublic(pkg, sub)) offenders.push(`${relative(ROOT, file)}: ${spec}`)
      }
    }
    expect(offenders).toEqual([])
  })

  it('the rule catches a deep import and allows a documented one', () => {
    expect(isPublic('@uwdata/flechette', split('@uwdata/flechette/src/decode/schema.js').sub)).toBe(false)
    expect(isPublic('@uwdata/flechette', split('@uwdata/flechette').sub)).toBe(true)
    expect(isPublic('@oclif/core', split('@oclif/core/errors').sub)).toBe(true)
    expect(specifiers("import {x} from '@a/b/c'\nconst y = await import('d/e')\ndeclare module 'f/g' {}")).toEqual(['@a/b/c', 'd/e', 'f/g'])
  })
})
