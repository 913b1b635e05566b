import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {cpvCode} from '../analysis/dims.js'
import type {SpendFrame} from '../model/frame.js'
import {packageRoot} from '../paths.js'

/**
 * CPV 2008 labels (data/cpv-2008-en.csv), read lazily: only when a category
 * dimension is shown and the data holds CPV-style codes, so other queries pay
 * nothing for the 440 KB list.
 */
export const CPV_FILE = join(packageRoot(), 'data', 'cpv-2008-en.csv')

let cached: Promise<Map<string, string>> | undefined

/**
 * Code (8 digits, no check digit) -> English label.
 * @example (await cpvLabels()).get('72000000') // 'IT services: consulting, software development, ...'
 */
export function cpvLabels(file = CPV_FILE): Promise<Map<string, string>> {
  if (file !== CPV_FILE) return readLabels(file)
  cached ??= readLabels(file)
  return cached
}

async function readLabels(file: string): Promise<Map<string, string>> {
  const [text, {default: Papa}] = await Promise.all([readFile(file, 'utf8'), import('papaparse')])
  const rows = Papa.parse<string[]>(text, {skipEmptyLines: true}).data
  const out = new Map<string, string>()
  for (const [code, , label] of rows.slice(1)) if (code && label) out.set(code, label)
  return out
}

/**
 * The CPV labels when a category is shown (`dims` has it) and the frame has a
 * CPV-style category code, else undefined (published texts are the labels).
 * @example const categoryLabels = await categoryLabelsFor(frame, ['buyer', 'category'])
 */
export async function categoryLabelsFor(frame: SpendFrame, dims: readonly string[]): Promise<Map<string, string> | undefined> {
  if (!dims.includes('category')) return undefined
  const col = frame.columns.category_code
  if (!col || col.type !== 'dict' || !col.dict.some((c) => cpvCode(c) !== null)) return undefined
  return cpvLabels()
}
