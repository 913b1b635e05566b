import {SpendInputError} from '../../../errors.js'
import type {ValidationOutcome} from '../types.js'

/** Check an OCDS release or record package (or JSON Lines of releases) against the release schema and the spend checks. */
export async function validateOcds(file: string): Promise<ValidationOutcome> {
  throw new SpendInputError('NOT_BUILT', `spend validate --standard ocds is not built yet (${file})`, {exit: 2})
}
