/**
 * .xls (BIFF8) and .xlsx through SheetJS, inside a worker thread with its own
 * heap limit and a timeout: a hostile workbook can fail, but only with a
 * SpendInputError, never by taking the importing process down.
 */
import {createRequire} from 'node:module'
import {Worker} from 'node:worker_threads'
import {SpendInputError, isSpendInputError} from '../../../errors.js'
import {InflateGuard, zipMemberBytes} from './archive.js'
import type {Limits} from '../limits.js'
import {WORKER_SOURCE} from './spreadsheet-worker.js'
import type {CellRow} from '../types.js'
import type {RandomAccess, ZipEntry} from './zip.js'
import {bytesMsg} from '../../../messages.js'

export interface Sheet {
  name: string
  rows: CellRow[]
}

function brokenSpreadsheet(name: string, why: string): SpendInputError {
  return new SpendInputError('BROKEN_SPREADSHEET', bytesMsg.brokenWorkbook(why), {where: name, hint: bytesMsg.brokenWorkbookHint()})
}

/**
 * Refuse a workbook file larger than the limit (before reading it).
 * @example checkWorkbookSize((await stat(p)).size, 'book.xlsx', limits)
 */
export function checkWorkbookSize(size: number, name: string, limits: Limits): void {
  if (size > limits.maxSpreadsheetBytes) {
    throw new SpendInputError('SPREADSHEET_TOO_LARGE', bytesMsg.workbookTooLarge(limits.maxSpreadsheetBytes), {
      where: name,
      hint: bytesMsg.workbookTooLargeHint(),
    })
  }
}

/**
 * Check an .xlsx/.ods zip before the parser sees it: the members must unpack
 * to no more than the limit, and each must inflate to exactly its declared
 * size with the right checksum. The parser trusts neither and does not check
 * them: a corrupt sheet would otherwise read as an empty workbook, and a
 * member lying about its size could unpack far past the limit.
 * @example await checkWorkbookMembers(ra, entries, 'book.xlsx', limits)
 */
export async function checkWorkbookMembers(ra: RandomAccess, entries: ZipEntry[], name: string, limits: Limits): Promise<void> {
  const declared = entries.reduce((n, e) => n + e.size, 0)
  if (declared > limits.maxWorkbookUnpackedBytes) {
    throw new SpendInputError('SPREADSHEET_TOO_LARGE', bytesMsg.workbookUnpacksTooLarge(limits.maxWorkbookUnpackedBytes >> 20), {
      where: name,
      hint: bytesMsg.workbookTooLargeHint(),
    })
  }
  const guard = new InflateGuard(name, limits)
  for (const e of entries) {
    if (e.name.endsWith('/')) continue
    try {
      for await (const chunk of zipMemberBytes(ra, e, name, guard)) void chunk
    } catch (err) {
      if (isSpendInputError(err) && err.code === 'BROKEN_ARCHIVE') {
        throw new SpendInputError('BROKEN_SPREADSHEET', bytesMsg.brokenWorkbook(err.message.replace(/^broken archive: /, '')), {where: err.where, hint: bytesMsg.brokenWorkbookHint()})
      }
      throw err
    }
  }
}

/**
 * Read every sheet that holds data, as rows of strings (see spreadsheet-worker.ts
 * for how cells become text). Sheets with no non-empty cell are left out.
 * @example const sheets = await readWorkbook(await readFile('book.xlsx'), 'book.xlsx', resolveLimits())
 */
export async function readWorkbook(bytes: Uint8Array, name: string, limits: Limits): Promise<Sheet[]> {
  checkWorkbookSize(bytes.length, name, limits)
  const copy = new Uint8Array(bytes) // own ArrayBuffer, so it can be transferred, not cloned
  const xlsxPath = createRequire(import.meta.url).resolve('@e965/xlsx')
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {xlsxPath, bytes: copy.buffer, maxColumns: limits.maxColumns},
    transferList: [copy.buffer],
    resourceLimits: {maxOldGenerationSizeMb: limits.spreadsheetHeapMb, maxYoungGenerationSizeMb: 64},
    stdout: true,
    stderr: true,
  })
  const sheets: Sheet[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(brokenSpreadsheet(name, bytesMsg.workbookTimeout(limits.spreadsheetTimeoutMs / 1000)))
      }, limits.spreadsheetTimeoutMs)
      const fail = (e: SpendInputError): void => {
        clearTimeout(timer)
        reject(e)
      }
      worker.on('message', (m: {type: string; name?: string; rows?: CellRow[]; message?: string; code?: string}) => {
        if (m.type === 'sheet') sheets.push({name: m.name!, rows: m.rows!})
        else if (m.type === 'done') {
          clearTimeout(timer)
          resolve()
        } else if (m.type === 'error') {
          fail(
            m.code === 'TOO_MANY_COLUMNS'
              ? new SpendInputError('TOO_MANY_COLUMNS', m.message!, {where: name, hint: bytesMsg.workbookTooManyColumnsHint()})
              : brokenSpreadsheet(name, m.message ?? bytesMsg.workbookUnknownError()),
          )
        }
      })
      worker.on('error', (err: Error & {code?: string}) => {
        fail(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new SpendInputError('SPREADSHEET_TOO_LARGE', bytesMsg.workbookOutOfMemory(), {where: name, hint: bytesMsg.workbookTooLargeHint()})
            : brokenSpreadsheet(name, err.message.split('\n')[0]),
        )
      })
      worker.on('exit', (code) => fail(brokenSpreadsheet(name, bytesMsg.workbookReaderStopped(code))))
    })
  } finally {
    await worker.terminate()
  }
  return sheets
}
