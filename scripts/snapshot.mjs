#!/usr/bin/env node
// Write command-snapshot.json: every command id with its args and flags, read
// from oclif.manifest.json (written by `npm run build`). Scripts call these
// names, so test/contracts/snapshot.test.ts fails when the manifest drifts from
// the checked-in snapshot; a rename then has to be accepted on purpose by
// re-running this script (salesforce plugins' command-snapshot.json does the same).
import {readFileSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const byText = (a, b) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The script-facing surface of an oclif manifest, sorted so it does not depend
 * on discovery order. Args keep their declared order: they are positional.
 * @example snapshot(JSON.parse(readFileSync('oclif.manifest.json', 'utf8')))
 */
export function snapshot(manifest) {
  return Object.keys(manifest.commands)
    .sort(byText)
    .map((id) => {
      const cmd = manifest.commands[id]
      const entry = {command: id}
      if (cmd.aliases?.length) entry.aliases = [...cmd.aliases].sort(byText)
      if (cmd.strict === false) entry.strict = false
      entry.args = Object.values(cmd.args ?? {}).map((a) => {
        const arg = {name: a.name, required: Boolean(a.required)}
        if (a.options) arg.options = [...a.options].sort(byText)
        return arg
      })
      entry.flags = Object.values(cmd.flags ?? {})
        .map((f) => {
          const flag = {name: f.name, type: f.type}
          if (f.char) flag.char = f.char
          if (f.aliases?.length) flag.aliases = [...f.aliases].sort(byText)
          if (f.type === 'option') flag.multiple = Boolean(f.multiple)
          if (f.options) flag.options = [...f.options].sort(byText)
          if (f.required) flag.required = true
          if (f.allowNo) flag.allowNo = true
          return flag
        })
        .sort((a, b) => byText(a.name, b.name))
      return entry
    })
}

/** The snapshot as the exact text checked in (stable key order, trailing newline). */
export function snapshotText(manifest) {
  return JSON.stringify(snapshot(manifest), null, 2) + '\n'
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const manifest = JSON.parse(readFileSync(join(root, 'oclif.manifest.json'), 'utf8'))
  writeFileSync(join(root, 'command-snapshot.json'), snapshotText(manifest))
  console.error(`command-snapshot.json: ${Object.keys(manifest.commands).length} commands`)
}
