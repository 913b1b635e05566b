import {readFile} from 'node:fs/promises'
import {join} from 'node:path'
import {SpendInputError} from '../../errors.js'
import {classifyMsg} from '../../messages.js'
import type {RuleSet} from '../../model/rules.js'
import {packageRoot} from '../../paths.js'
import {parseRules} from './rules.js'

/** The shipped rules files `--rules default` stands for, in the order they are tried. */
export const DEFAULT_RULE_FILES = ['uk-expense-types.csv', 'uk-proclass.csv', 'no-kontoplan.csv'] as const

/** Where the shipped rules files live. */
export const RULES_DIR = join(packageRoot(), 'data', 'rules')

/** Rules read from `--rules` values: one set in the order given, and what to call it. */
export interface LoadedRules {
  set: RuleSet
  /** The `--rules` values joined with `+` (`default`, `a.csv+b.csv`), for messages and the manifest. */
  source: string
}

/**
 * Read and check the rules files named by `--rules` (each a path, or
 * `default` for the shipped files), as one set in the order given.
 * @example const {set} = await loadRuleFiles(['default', 'mine.csv'], await cpvLabels())
 */
export async function loadRuleFiles(names: readonly string[], cpv: ReadonlyMap<string, string>, dir = RULES_DIR): Promise<LoadedRules> {
  const rules: RuleSet['rules'] = []
  for (const name of names) {
    if (name === 'default') {
      for (const f of DEFAULT_RULE_FILES) rules.push(...parseRules(await read(join(dir, f), f, true), f, cpv).rules)
    } else {
      rules.push(...parseRules(await read(name, name, false), name, cpv).rules)
    }
  }
  return {set: {rules}, source: names.join('+')}
}

async function read(path: string, shown: string, shipped: boolean): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error'
    if (shipped) throw new SpendInputError('FILE_NOT_FOUND', classifyMsg.defaultMissing(shown), {where: path, hint: classifyMsg.defaultMissingHint()})
    throw new SpendInputError('FILE_NOT_FOUND', classifyMsg.cannotRead(code), {where: shown, hint: classifyMsg.cannotReadHint()})
  }
}
