/**
 * The analyses: pure functions over a SpendFrame (no files, no terminal).
 * Each takes `selection` rows from `filterRows` and returns a typed result
 * plus a `...ToJson` helper giving the `--json` contract.
 */
export {filterColumns, filterOptions, filterRows, type FilterOptions} from './filter.js'
export {
  CATEGORY_LEVELS, checkDim, checkLevel, cpvAtLevel, cpvCode, dim, DIM_COLUMNS, DIM_NAMES, DIM_PLURALS, parseDims,
  type CategoryLevel, type Dim, type DimName, type DimOptions,
} from './dims.js'
export {cube, cubeTable, cubeRows, cubeToJson, type CubeJson, type CubeOptions, type CubeResult, type CubeRow} from './cube.js'
export {top, TOP_SUBJECTS, topToJson, type TopOptions, type TopResult, type TopRow, type TopSubject} from './top.js'
export {ABC_CLASSES, pareto, paretoToJson, type AbcClass, type ParetoGroup, type ParetoOptions, type ParetoResult} from './pareto.js'
export {
  concentration, concentrationToJson, HHI_BANDS,
  type ConcentrationOptions, type ConcentrationResult, type ConcentrationRow, type HhiBands,
} from './concentration.js'
export {trend, trendToJson, type Change, type TrendOptions, type TrendResult, type TrendRow} from './trend.js'
export {profile, profileToJson, type ProfileOptions, type ProfileResult} from './profile.js'
export {matchEntity, normaliseName, resolveEntity, type Entity, type EntityKind} from './resolve.js'
export {editDistance, nearestNames} from './nearest.js'
export {convertCurrency, type FxNote, type FxOptions, type FxRate} from './fx.js'
export {deflate, type DeflateOptions, type IndexPoint} from './deflate.js'
export type {Rows} from './kernel.js'
export {checkFiscalStart, PERIOD_KINDS, periodBounds, type PeriodKind} from './period.js'
export {columnsFor, PROFILE_COLUMNS, PROFILE_DIMS} from './columns.js'
export {leaveOutMask, unidentifiedMode, type Unidentified, type UnidentifiedMode} from './unidentified.js'
export {summarise, SUMMARY_COLUMNS, SUPPLIER_RULE, type SpendSummary, type SummaryOptions} from './summary.js'
