import type {DimName} from '../analysis/dims.js'
import {PERIOD_KINDS, periodLabel} from '../analysis/period.js'
import type {EngineRow, JsonContext} from './types.js'

/**
 * A dimension's id and label in an analysis's JSON, from what an engine
 * returned, as the native dimensions give them (src/analysis/dims.ts).
 */

/** The id as the native dimension has it: a period number as its label (2024, 2024-25, 2024-Q1, 2024-03). */
export function jsonDimId(name: DimName, raw: string | null, fiscalYearStart = 1): string | null {
  if (raw === null) return null
  return (PERIOD_KINDS as readonly string[]).includes(name) ? periodLabel(Number(raw), name as 'year', fiscalYearStart) : raw
}

/** The label shown for an id: a category's CPV label, else its modal text, else the id; buyers and suppliers by modal name; others are their id. */
export function jsonDimLabel(name: DimName, id: string | null, text: string | null, ctx: JsonContext): string | null {
  if (id === null) return null
  if (name === 'category') return ctx.categoryLabel(id) ?? text ?? id
  if (name === 'buyer' || name === 'supplier') return text ?? id
  return id
}

/** Both, from the row's columns `idCol` and `labelCol`. */
export function jsonDim(name: DimName, r: EngineRow, idCol: string, labelCol: string, ctx: JsonContext, fiscalYearStart = 1): {id: string | null; label: string | null} {
  const id = jsonDimId(name, r[idCol] ?? null, fiscalYearStart)
  return {id, label: jsonDimLabel(name, id, r[labelCol] ?? null, ctx)}
}
