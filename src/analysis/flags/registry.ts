/**
 * The checks by name, in CHECK_NAMES order. A new check is one module and
 * one entry here.
 */
import {benfordCheck} from './benford.js'
import {thresholdBunchingCheck} from './bunching.js'
import {concentrationCheck} from './concentration-flag.js'
import {duplicatesCheck} from './duplicates.js'
import {marketShareCheck} from './market-share.js'
import {newSupplierLargeCheck} from './new-supplier.js'
import {roundAmountsCheck} from './round-amounts.js'
import {splittingCheck} from './splitting.js'
import type {CheckDef, CheckName} from './types.js'
import {weekendCheck} from './weekend.js'
import {yearEndCheck} from './year-end.js'

export const CHECKS: Readonly<Record<CheckName, CheckDef>> = {
  duplicates: duplicatesCheck,
  splitting: splittingCheck,
  'threshold-bunching': thresholdBunchingCheck,
  benford: benfordCheck,
  'round-amounts': roundAmountsCheck,
  weekend: weekendCheck,
  'year-end': yearEndCheck,
  'new-supplier-large': newSupplierLargeCheck,
  'market-share': marketShareCheck,
  concentration: concentrationCheck,
}
