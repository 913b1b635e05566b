#!/usr/bin/env node
// Write oclif.manifest.json from the built commands, so `spend X` loads only
// command X at start-up instead of every command module (oclif's own
// `oclif manifest` does the same; this avoids a large dev dependency).
import {Config} from '@oclif/core'
import {rmSync, writeFileSync} from 'node:fs'
import {dirname, join} from 'node:path'
import {fileURLToPath} from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// oclif reads an existing manifest instead of the commands: remove it so the new one is built from dist/.
rmSync(join(root, 'oclif.manifest.json'), {force: true})
const config = await Config.load(root)
const plugin = config.plugins.get(config.pjson.name)
const manifest = plugin.manifest
writeFileSync(join(root, 'oclif.manifest.json'), JSON.stringify(manifest, null, 2) + '\n')
console.error(`oclif.manifest.json: ${Object.keys(manifest.commands).length} commands`)
