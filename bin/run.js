#!/usr/bin/env node
import {execute} from '../dist/main.js'

// A closed pipe (spend ... | head) is a normal end, not an error (xsv, csvkit do the same).
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(0)
    throw err
  })
}

await execute({dir: import.meta.url})
