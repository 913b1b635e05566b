/**
 * House rules that keep coming back unless a test holds them: tests use no
 * absolute paths and never read the clock (a timing is a benchmark: bench/),
 * and every package listed in package.json is used where its list says.
 */
import {existsSync, readdirSync, readFileSync} from 'node:fs'
import {join, relative} from 'node:path'
import {describe, expect, it} from 'vitest'
import {ROOT} from './helpers/cli.js'

/** Files under `dir` (relative to the project root) whose names end with one of `exts`. */
function filesUnder(dir: string, exts: readonly string[]): string[] {
  const abs = join(ROOT, dir)
  if (!existsSync(abs)) return []
  const skip = new Set(['node_modules', 'tmp', 'data', 'out'])
  const out: string[] = []
  const walk = (d: string): void => {
    for (const e of readdirSync(d, {withFileTypes: true})) {
      if (e.isDirectory()) {
        if (!skip.has(e.name)) walk(join(d, e.name))
      } else if (exts.some((x) => e.name.endsWith(x))) out.push(relative(ROOT, join(d, e.name)))
    }
  }
  walk(abs)
  return out.sort()
}

const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const THIS_FILE = relative(ROOT, import.meta.filename)
const TEST_FILES = filesUnder('test', ['.ts', '.mts', '.js', '.mjs']).filter((f) => f !== THIS_FILE)

/** Lines of `text` matching `re`, as `file:line: text`. */
function hits(file: string, text: string, re: RegExp): string[] {
  return text.split('\n').flatMap((line, i) => (re.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []))
}

/** A quoted string starting with a machine's own absolute path: a home, a work or temp folder, a drive letter. */
const ABSOLUTE = /['"`](?:\/(?:work|home|Users|root|tmp|var|private|mnt|opt|srv|Volumes)\/|[A-Za-z]:\\\\)/
/** Reading the clock: whatever it is compared with, that is a timing, not a test. */
const CLOCK = /\bperformance\.now\s*\(|\bDate\.now\s*\(|\bprocess\.hrtime\b/

describe('tests', () => {
  it('use no absolute paths (the shared data is REALDATA in test/helpers/cli.ts, temp folders come from tempDir)', () => {
    expect(TEST_FILES.length).toBeGreaterThan(50)
    expect(TEST_FILES.flatMap((f) => hits(f, read(f), ABSOLUTE))).toEqual([])
  })

  it('never read the clock, so they assert on no wall-clock time (measure in bench/ instead)', () => {
    expect(TEST_FILES.flatMap((f) => hits(f, read(f), CLOCK))).toEqual([])
  })

  it('would catch both', () => {
    expect(hits('x.ts', "const ROOT = '/work/shared/realdata'", ABSOLUTE)).toHaveLength(1)
    expect(hits('x.ts', 'const BIS = "C:\\\\data\\\\bis.xls"', ABSOLUTE)).toHaveLength(1)
    expect(hits('x.ts', "const rel = join(REALDATA, 'ocds')", ABSOLUTE)).toEqual([])
    expect(hits('x.ts', 'expect(performance.now() - t0).toBeLessThan(2000)', CLOCK)).toHaveLength(1)
    expect(hits('x.ts', 'const t0 = Date.now()', CLOCK)).toHaveLength(1)
    expect(hits('x.ts', "vi.spyOn(Date, 'now').mockReturnValue(0)", CLOCK)).toEqual([])
  })
})

interface PackageJson {
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
  scripts?: Record<string, string>
  oclif?: {plugins?: string[]}
}

/** Package names a source text imports, requires or resolves (bare specifiers only). */
function packagesUsedIn(text: string): Set<string> {
  const out = new Set<string>()
  const re = /(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\.resolve\s*\(\s*)['"]([^'"\n]+)['"]/g
  for (const m of text.matchAll(re)) {
    const spec = m[1]
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('node:') || spec.startsWith('#')) continue
    const parts = spec.split('/')
    out.add(spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0])
  }
  return out
}

/** The commands a package installs (its package.json `bin`), from node_modules. */
function binsOf(name: string): string[] {
  const file = join(ROOT, 'node_modules', name, 'package.json')
  if (!existsSync(file)) return []
  const bin = (JSON.parse(readFileSync(file, 'utf8')) as {bin?: string | Record<string, string>}).bin
  if (bin === undefined) return []
  return typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin)
}

/**
 * Listed packages nobody uses: a dependency must be imported by the shipped
 * code (`src`) or be an oclif plugin; a devDependency must be imported by the
 * tests, bench, scripts or a config file, or be a command an npm script runs,
 * or type a package that is used (`@types/x` for x, `types` in tsconfig).
 */
/** An installed package's peerDependencies (none when it is not installed). */
function peerDependencies(name: string): Record<string, string> {
  try {
    return (JSON.parse(read(join('node_modules', name, 'package.json'))) as {peerDependencies?: Record<string, string>}).peerDependencies ?? {}
  } catch {
    return {}
  }
}

function unusedPackages(pkg: PackageJson, src: Set<string>, dev: Set<string>, tsTypes: readonly string[], bins: (name: string) => string[]): string[] {
  const scripts = Object.values(pkg.scripts ?? {}).join(' && ')
  const runs = (name: string) => bins(name).some((b) => new RegExp(`(^|[\\s&|;(])${b.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`).test(scripts))
  const used = new Set([...src, ...dev])
  const typed = (name: string) => {
    if (!name.startsWith('@types/')) return false
    const of = name.slice('@types/'.length)
    const pkgName = of.includes('__') ? `@${of.replace('__', '/')}` : of
    return tsTypes.includes(of) || used.has(pkgName)
  }
  // A package another used dependency needs as a peer (ajv for ajv-draft-04) is used through it.
  const peers = new Set([...src].flatMap((d) => Object.keys(peerDependencies(d))))
  const unusedDeps = Object.keys(pkg.dependencies ?? {}).filter((d) => !src.has(d) && !peers.has(d) && !(pkg.oclif?.plugins ?? []).includes(d))
  const unusedDev = Object.keys(pkg.devDependencies ?? {}).filter((d) => !dev.has(d) && !src.has(d) && !runs(d) && !typed(d))
  return [...unusedDeps.map((d) => `dependencies: ${d}`), ...unusedDev.map((d) => `devDependencies: ${d}`)]
}

describe('package.json', () => {
  const pkg = JSON.parse(read('package.json')) as PackageJson
  const usedIn = (files: string[]) => new Set(files.flatMap((f) => [...packagesUsedIn(read(f))]))
  const src = usedIn(filesUnder('src', ['.ts', '.mts', '.js', '.mjs']))
  const configs = readdirSync(ROOT).filter((f) => /\.(config\.)?(m?[jt]s)$/.test(f) && !f.endsWith('.d.ts'))
  const dev = usedIn([...TEST_FILES, THIS_FILE, ...filesUnder('bench', ['.mjs', '.js', '.ts']), ...filesUnder('scripts', ['.mjs', '.js', '.ts']), ...filesUnder('bin', ['.js', '.mjs']), ...configs])
  const tsTypes = (JSON.parse(read('tsconfig.json')) as {compilerOptions?: {types?: string[]}}).compilerOptions?.types ?? []

  it('lists no package the code does not use (dependencies in src/, devDependencies in tests, bench, scripts or config)', () => {
    expect(Object.keys(pkg.dependencies ?? {}).length).toBeGreaterThan(5)
    expect(unusedPackages(pkg, src, dev, tsTypes, binsOf)).toEqual([])
  })

  it('would catch a listed package nobody imports, and a dependency only the tests use', () => {
    // Packages nobody imports (arquero, before a command used it; a made-up one), a package only the
    // tests use listed as a dependency (playwright-core), and a test helper never used.
    const {'playwright-core': browser, ...devDependencies} = pkg.devDependencies ?? {}
    const before: PackageJson = {
      ...pkg,
      dependencies: {...pkg.dependencies, arquero: '8.0.3', 'no-such-chart-lib': '1.0.0', 'playwright-core': browser ?? '1.64.1'},
      devDependencies: {...devDependencies, '@oclif/test': '4.2.0'},
    }
    expect(unusedPackages(before, src, dev, tsTypes, binsOf).sort()).toEqual([
      'dependencies: arquero', 'dependencies: no-such-chart-lib', 'dependencies: playwright-core', 'devDependencies: @oclif/test',
    ])
  })
})

describe('what spend says it does', () => {
  // The package description is the first line of `spend --help`: it may name only what exists.
  const description = (JSON.parse(read('package.json')) as {description: string}).description
  const commands = readdirSync(join(ROOT, 'src', 'commands'), {recursive: true})
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.replace(/\.ts$/, '').replace(/\/index$/, '').replace(/\//g, ' '))

  it('finds the commands', () => {
    expect(commands).toContain('import')
  })

  it.each(['benchmark', 'flag', 'report', 'export', 'chart'])('names "%s" only when a command does it', (word) => {
    const named = new RegExp(`\\b${word}`, 'i').test(description)
    const exists = commands.some((c) => c.startsWith(word))
    expect(named && !exists, `the description names "${word}", which no command does: ${description}`).toBe(false)
  })
})
