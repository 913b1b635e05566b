/**
 * Procurement thresholds per jurisdiction (data/thresholds/<jurisdiction>.csv):
 * quotation, tender and regulated limits with their source and the dates
 * they are in force. (Stub: no file is read yet.)
 */
import type {FlagsConfig, ProcurementThreshold} from '../../analysis/flags/types.js'

/**
 * The thresholds for the given currencies: each currency's jurisdiction file
 * (config `jurisdiction`, else the currency's default), with the config's own
 * thresholds over them.
 * @example await thresholdsFor(['GBP'], {}) // the UK file's thresholds
 */
export async function thresholdsFor(currencies: readonly string[], config: FlagsConfig): Promise<ProcurementThreshold[]> {
  void currencies
  return [...(config.thresholds ?? [])]
}
