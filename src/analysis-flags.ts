import {Flags} from '@oclif/core'
import {CATEGORY_LEVELS, DIM_NAMES, parseDims, type DimName} from './analysis/dims.js'
import {isSpendInputError, SpendInputError} from './errors.js'

/** Flags of the analysis commands beyond the common filters (src/flags.ts). */

export const levelFlag = Flags.option({
  options: Object.keys(CATEGORY_LEVELS) as (keyof typeof CATEGORY_LEVELS)[],
  description: 'Cut CPV-style category codes to this level.',
})()

export const fiscalFlag = Flags.integer({
  description: 'First month of the fiscal year (1-12; 4 = April), for year and quarter.',
  min: 1,
  max: 12,
  helpValue: 'MM',
})

/** A single `--by DIM` flag limited to some dimensions (oclif rejects others with exit 2). */
export const dimFlag = <const T extends DimName>(options: readonly T[], description: string) =>
  Flags.option({options, description})()

/** Dimensions a series or ranking can be split by. */
export const SPLIT_DIMS = DIM_NAMES.filter((d) => d !== 'currency')

/**
 * Parse a comma-separated `--by` list; a bad name is a usage error (exit 2).
 * @example byFlag('buyer,category') // ['buyer', 'category']
 */
export function byFlag(text: string): DimName[] {
  try {
    const by = parseDims(text)
    if (by.length === 0) throw new SpendInputError('BAD_DIMENSION', 'No dimension given', {where: '--by', hint: `use ${DIM_NAMES.join(', ')}`})
    if (new Set(by).size !== by.length) throw new SpendInputError('BAD_DIMENSION', `A dimension is repeated in "${text}"`, {where: '--by'})
    return by
  } catch (error) {
    if (!isSpendInputError(error)) throw error
    throw new SpendInputError(error.code, error.message, {where: error.where, hint: error.hint, exit: 2})
  }
}
