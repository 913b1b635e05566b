import {join, relative, resolve} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {workspaceMsg} from '../../messages.js'
import {importDir} from './layout.js'
import type {ImportEntry} from './manifest.js'
import {PartDamage} from './part-reader.js'

/**
 * The command that rebuilds an import from its source file, from the current
 * directory: the stored `path` (relative to the workspace folder `root`) made
 * relative to here; `-` for standard input (pipe it again); entries from
 * before `path` give `file` as it was typed.
 * @example reimportCommand({file: 'spend-2024-03.csv', path: '../spend-2024-03.csv'}, '/data/.spendkit') // 'spend import ../spend-2024-03.csv --replace' from /data/sub
 * @example reimportCommand(entry, '/data/ws', 'data/ws') // 'spend import spend-2024-03.csv --replace --workspace data/ws'
 */
export function reimportCommand(entry: Pick<ImportEntry, 'file' | 'path'>, root: string, workspace?: string): string {
  const source = entry.path === null ? '-' : entry.path !== undefined ? relative(process.cwd(), resolve(root, entry.path)) || '.' : entry.file
  return `spend import ${shellWord(source)} --replace${workspace ? ` --workspace ${shellWord(workspace)}` : ''}`
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
    hint: workspaceMsg.damagedHint(reimportCommand(entry, root)),
  })
}

/**
 * What a part reader's error says, in the words of workspaceMsg.
 * @example damageText(new PartDamage('date', 'checksum')) // 'column date does not match its checksum'
 */
export function damageText(error: unknown): string {
  if (!(error instanceof PartDamage)) return workspaceMsg.unreadable((error as Error).message)
  if (error.kind === 'checksum') return error.column === null ? workspaceMsg.metadataMismatch() : workspaceMsg.columnMismatch(error.column)
  return error.column === null ? workspaceMsg.unreadable(error.detail) : workspaceMsg.columnUnreadable(error.column, error.detail)
}

/** A path as one word for a POSIX shell: as it is when safe, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`
}
