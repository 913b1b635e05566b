/**
 * A small file a user names (a config, a rates or peers CSV) read as UTF-8
 * text; a file that cannot be read is a one-line usage error naming it.
 */
import {readFile} from 'node:fs/promises'
import {SpendInputError} from '../../errors.js'

/**
 * Read a named file, or fail with FILE_NOT_FOUND (exit 2) and the reason.
 * @example await readTextFile('flags.yml', 'check the path given to --config')
 */
export async function readTextFile(file: string, hint?: string): Promise<string> {
  try {
    return await readFile(file, 'utf8')
  } catch (error) {
    throw new SpendInputError('FILE_NOT_FOUND', `cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {where: file, ...(hint ? {hint} : {}), exit: 2})
  }
}
