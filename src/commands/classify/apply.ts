import {Flags} from '@oclif/core'
import {SpendCommand} from '../../base-command.js'
import {SpendInputError} from '../../errors.js'
import {waitFlag, workspaceFlag} from '../../flags.js'
import {rulesFlag} from '../../analysis-flags.js'
import {classifyMsg} from '../../messages.js'
import {classifyApply} from '../../services/classify.js'
import {applyOutput} from '../../io/write/classify-report.js'

export default class ClassifyApply extends SpendCommand {
  static override summary = 'Store classification rules in the workspace: every load then classifies with them.'
  static override description = 'Checks the rules files (errors name FILE:LINE) and stores them as one set, in the order given (atomic, locked, checksummed). New imports are classified at load with no second step. --clear removes the stored rules.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> --rules default',
    '<%= config.bin %> <%= command.id %> --rules my-rules.csv --rules default',
    '<%= config.bin %> <%= command.id %> --clear',
  ]
  static override flags = {
    rules: rulesFlag('A rules CSV, or default for the shipped rules; repeatable, tried in order.'),
    clear: Flags.boolean({description: 'Remove the stored rules (categories are as published again).', default: false}),
    workspace: workspaceFlag,
    wait: waitFlag,
  }

  async run(): Promise<ReturnType<typeof applyOutput>> {
    const {flags} = await this.parse(ClassifyApply)
    if (flags.clear && flags.rules?.length) throw new SpendInputError('BAD_FLAG', classifyMsg.clearWithRules(), {where: '--clear', hint: classifyMsg.clearWithRulesHint(), exit: 2})
    if (!flags.clear && !flags.rules?.length) throw new SpendInputError('BAD_FLAG', classifyMsg.noRulesFlag(), {where: '--rules', hint: classifyMsg.noRulesFlagHint(), exit: 2})
    const {stored, removed} = await classifyApply(flags, this.config.version, {seconds: flags.wait, onWait: (line) => this.note(line)})
    if (stored) this.note(classifyMsg.stored(stored.rows, stored.source, stored.sha256.slice(0, 12)))
    else this.note(removed ? classifyMsg.cleared(removed.source) : classifyMsg.nothingToClear())
    return applyOutput(stored, removed)
  }
}
