import type {SpendFrame} from '../../model/frame.js'
import type {RecordColumn} from '../../model/record.js'
import type {RuleSet} from '../../model/rules.js'

/**
 * The stored columns `applyRules` reads for this rules set (description only
 * when a rule tests it: it is the costliest column to load).
 * STUB (lead).
 */
export function ruleColumns(set: RuleSet): RecordColumn[] {
  void set
  return ['buyer_id', 'buyer', 'category_scheme', 'category_code', 'category', 'expense_type']
}

/**
 * The frame with the rules applied: `category_scheme`/`category_code`/`category`
 * become the row's CPV code (`CPV`, the 8 digits, the CPV label from `labels`)
 * when the data brought a CPV code or a rule matched, else null (unclassified);
 * `classified_by` says which (`data`, or the rule's `FILE:LINE`).
 * STUB (lead): returns the frame unchanged.
 */
export function applyRules(frame: SpendFrame, set: RuleSet, labels: ReadonlyMap<string, string>): SpendFrame {
  void set
  void labels
  return frame
}
