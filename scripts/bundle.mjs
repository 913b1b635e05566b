// Bundle the compiled CLI (build/tsc, from `tsc -p tsconfig.build.json`) into dist/:
// one file per command, the CLI entry and the worker entries, sharing chunks.
//
// Why: a command used to load ~250 modules (oclif's and ours) one by one, about
// 40 ms of a 0.3 s query; bundled, it loads a few files (Shopify's CLI bundles
// with esbuild for the same reason). Packages with heavy or native parts, or
// that are only loaded on demand (lazily, by dynamic import), stay in
// node_modules. Identifiers are kept for readable --debug stack traces.
import {build} from 'esbuild'
import {readdirSync, rmSync, statSync} from 'node:fs'
import {dirname, join, relative} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const from = join(root, 'build', 'tsc')
const out = join(root, 'dist')

function files(dir, ext) {
  return readdirSync(dir).sort().flatMap((n) => {
    const p = join(dir, n)
    return statSync(p).isDirectory() ? files(p, ext) : n.endsWith(ext) && !n.endsWith('.d.ts') ? [p] : []
  })
}

const entryPoints = [
  {in: join(from, 'main.js'), out: 'main'},
  // The command list comes from src/: build/tsc may hold files of since-deleted sources.
  ...files(join(root, 'src', 'commands'), '.ts').map((p) => {
    const name = relative(join(root, 'src'), p).replace(/\.ts$/, '')
    return {in: join(from, `${name}.js`), out: name}
  }),
  // oclif hooks (package.json `oclif.hooks` names dist/hooks/*.js).
  ...files(join(root, 'src', 'hooks'), '.ts').map((p) => {
    const name = relative(join(root, 'src'), p).replace(/\.ts$/, '')
    return {in: join(from, `${name}.js`), out: name}
  }),
  {in: join(from, 'io', 'read', 'split', 'split-worker.js'), out: 'workers/split-worker'},
  {in: join(from, 'io', 'hash', 'hash-worker.js'), out: 'workers/hash-worker'},
]

rmSync(out, {recursive: true, force: true})
await build({
  entryPoints,
  outdir: out,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  chunkNames: 'chunks/[name]-[hash]',
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Loaded on demand (dynamic import, so not on any command's start-up path:
  // they stay Node's own modules, with Node's CommonJS interop) or too big to
  // gain from bundling; TypeScript is only oclif's optional ts-node support.
  external: ['@e965/xlsx', 'vega', 'vega-lite', '@resvg/resvg-js', 'arquero', 'yaml', 'papaparse', 'cli-progress', '@duckdb/node-api', 'pg', 'pg-copy-streams', 'ajv', 'ajv-draft-04', 'ajv-formats', 'typescript', 'ts-node'],
  // oclif is CommonJS and calls require(): give the ES module bundle one.
  banner: {js: "import {createRequire as __spendkitRequire} from 'node:module'; const require = __spendkitRequire(import.meta.url);"},
})
