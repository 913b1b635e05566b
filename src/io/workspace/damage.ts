import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {workspaceMsg} from '../../messages.js'
import {importDir} from './layout.js'
import type {ImportEntry} from './manifest.js'

/**
 * The command that rebuilds an import from its source file.
 * @example reimportCommand(entry) // 'spend import spend-2024-03.csv --replace'
 * @example reimportCommand(entry, 'data/ws') // 'spend import spend-2024-03.csv --replace --workspace data/ws'
 */
export function reimportCommand(entry: Pick<ImportEntry, 'file'>, workspace?: string): string {
  return `spend import ${shellWord(entry.file)} --replace${workspace ? ` --workspace ${shellWord(workspace)}` : ''}`
}

/**
 * The error for a damaged file of an import (a part, its rejects file or
 * dictionary join): where is the file, the message names the import and the
 * hint says how to rebuild it.
 * @example throw damagedError(root, entry, 'part-00000.arrow', workspaceMsg.columnMismatch('date'))
 */
export function damagedError(root: string, entry: ImportEntry, file: string, what: string): SpendInputError {
  return new SpendInputError('WORKSPACE_DAMAGED', workspaceMsg.damaged(what, entry.id, entry.file), {
    where: join(importDir(root, entry.id), file),
    hint: workspaceMsg.damagedHint(reimportCommand(entry)),
  })
}

/** A path as one word for a POSIX shell: as it is when safe, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}
