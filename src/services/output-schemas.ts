import type {Output} from '../io/write/output-fields.js'
import {PARETO_OUTPUT} from '../io/write/pareto-report.js'

/**
 * Every declared output: `npm run schemas` writes schemas/NAME.json from each,
 * and test/contracts/schemas-generated.test.ts checks the committed files match.
 * (schemas/error.json, the error shape, is written by hand.)
 */
export const OUTPUTS: readonly Output[] = [
  PARETO_OUTPUT,
]
