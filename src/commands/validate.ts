import {Args, Flags} from '@oclif/core'
import {SpendCommand} from '../base-command.js'
import {dataFlags} from '../flags.js'
import {validateViews} from '../services/validate/report.js'
import {STANDARDS, validateFile, type ValidateResult} from '../services/validate/registry.js'
import type {StandardName} from '../services/validate/types.js'

export default class Validate extends SpendCommand {
  static override summary = 'Check a file against a publishing standard before it is published.'
  static override description = 'Each problem with its line and column, a severity (error, warning), a code and how to fix it, then a summary. Exit 1 when there are errors (with --strict, warnings too), 0 otherwise. --standard ocds checks the OCDS 1.1.5 release schema (JSON Schema draft-04, shipped in data/ocds with its licence) and the checks that matter for spend: award amounts and currencies, supplier identifiers and parties, duplicate release ids, dates.'
  static override examples = [
    '<%= config.bin %> <%= command.id %> release-package.json --standard ocds',
    '<%= config.bin %> <%= command.id %> releases.jsonl --standard ocds --json',
  ]
  static override args = {
    file: Args.string({description: 'The file to check.', required: true}),
  }
  static override flags = {
    standard: Flags.option({options: STANDARDS, description: 'The standard to check against.', required: true})(),
    strict: Flags.boolean({description: 'Exit 1 on warnings too.', default: false}),
    format: dataFlags.format,
  }

  async run(): Promise<ValidateResult> {
    const {args, flags} = await this.parse(Validate)
    const out = await validateFile(args.file, flags.standard as StandardName)
    await this.emit(out, () => validateViews(out), flags.format)
    this.note(`spend validate: ${out.errors} errors, ${out.warnings} warnings (${out.guidance.name} ${out.guidance.version})`)
    if (out.errors > 0 || (flags.strict && out.warnings > 0)) process.exitCode = 1
    return out
  }
}
