#!/usr/bin/env node
import {nodeVersionProblem} from './node-check.js'

// Before anything else loads: on an older Node.js the CLI would fail later, obscurely.
const problem = nodeVersionProblem(process.version)
if (problem) {
  process.stderr.write(`${problem}\n`)
  process.exit(1)
}

// A closed pipe (spend ... | head) is a normal end, not an error (xsv, csvkit do the same).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })
}

// Loaded only after the check (a static import would load it first).
const {execute} = await import('../dist/main.js')
await execute({dir: import.meta.url})
