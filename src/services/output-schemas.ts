import type {Output} from '../io/write/output-fields.js'
import {IMPORTS_OUTPUT, IMPORTS_REMOVE_OUTPUT} from '../io/write/imports-report.js'
import {SUMMARY_OUTPUT} from '../io/write/summary-report.js'
import {IMPORT_OUTPUT} from './import-report.js'
import {INSPECT_OUTPUT} from './inspect-fields.js'
import {CONCENTRATION_OUTPUT} from '../io/write/concentration-report.js'
import {CUBE_OUTPUT} from '../io/write/cube-report.js'
import {PARETO_OUTPUT} from '../io/write/pareto-report.js'
import {PROFILE_OUTPUTS} from '../io/write/profile-report.js'
import {ROWS_OUTPUT} from '../io/write/rows-report.js'
import {PEERS_OUTPUT} from '../io/write/peers-report.js'
import {TOP_OUTPUT} from '../io/write/top-report.js'
import {BENCHMARK_OUTPUT} from '../io/write/benchmark-report.js'
import {ENTITIES_APPLY_OUTPUT, ENTITIES_STATS_OUTPUT, ENTITIES_SUGGEST_OUTPUT} from '../io/write/entities-report.js'
import {TREND_OUTPUT} from '../io/write/trend-report.js'
import {CHECK_OUTPUT} from '../io/write/check-report.js'
import {CLASSIFY_APPLY_OUTPUT, CLASSIFY_OUTPUT, CLASSIFY_SUGGEST_OUTPUT} from '../io/write/classify-report.js'
import {CLASSIFY_GPP_OUTPUT} from '../io/write/classify-gpp-report.js'
import {FLAGS_OUTPUT} from '../io/write/flags-report.js'
import {REPORT_MANIFEST_OUTPUT, REPORT_OUTPUT, VERIFY_OUTPUT} from './report/outputs.js'
import {EXPORT_OUTPUT} from '../io/write/export-report.js'
import {SQL_OUTPUT} from '../io/write/sql-report.js'
import {VALIDATE_OUTPUT} from './validate/report.js'

/**
 * Every declared output: `npm run schemas` writes schemas/NAME.json from each,
 * and test/contracts/schemas-generated.test.ts checks the committed files match.
 * (schemas/error.json, the error shape, is written by hand.)
 */
export const OUTPUTS: readonly Output[] = [
  IMPORT_OUTPUT,
  IMPORTS_OUTPUT,
  IMPORTS_REMOVE_OUTPUT,
  INSPECT_OUTPUT,
  SUMMARY_OUTPUT,
  CONCENTRATION_OUTPUT,
  CUBE_OUTPUT,
  PARETO_OUTPUT,
  PROFILE_OUTPUTS.buyer,
  PROFILE_OUTPUTS.supplier,
  ROWS_OUTPUT,
  TOP_OUTPUT,
  PEERS_OUTPUT,
  TREND_OUTPUT,
  CHECK_OUTPUT,
  REPORT_OUTPUT,
  REPORT_MANIFEST_OUTPUT,
  VERIFY_OUTPUT,
  BENCHMARK_OUTPUT,
  ENTITIES_SUGGEST_OUTPUT,
  ENTITIES_APPLY_OUTPUT,
  ENTITIES_STATS_OUTPUT,
  CLASSIFY_OUTPUT,
  CLASSIFY_SUGGEST_OUTPUT,
  CLASSIFY_APPLY_OUTPUT,
  CLASSIFY_GPP_OUTPUT,
  FLAGS_OUTPUT,
  EXPORT_OUTPUT,
  SQL_OUTPUT,
  VALIDATE_OUTPUT,
]
