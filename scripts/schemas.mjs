#!/usr/bin/env node
// Write schemas/NAME.json for every declared output (src/services/output-schemas.ts),
// from the compiled code in build/tsc: run by `npm run schemas` after tsc. A test
// (test/contracts/schemas-generated.test.ts) fails when a committed schema differs.
import {writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath, pathToFileURL} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const {OUTPUTS} = await import(pathToFileURL(join(root, 'build', 'tsc', 'services', 'output-schemas.js')).href)
const {schemaText} = await import(pathToFileURL(join(root, 'build', 'tsc', 'io', 'write', 'output-fields.js')).href)
for (const o of OUTPUTS) {
  writeFileSync(join(root, 'schemas', `${o.name}.json`), schemaText(o))
  console.log(`schemas/${o.name}.json`)
}
