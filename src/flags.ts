import {Flags} from '@oclif/core'

/** Output formats, declared once for every data command. */
export const formats = ['table', 'csv', 'tsv', 'json', 'md'] as const
export type Format = (typeof formats)[number]

export const formatFlag = Flags.option({
  options: formats,
  description: 'Output format (default: table on a terminal, csv when piped).',
})()

export const workspaceFlag = Flags.string({
  char: 'w',
  description: 'Workspace directory (default: $SPENDKIT_WORKSPACE or ./.spendkit).',
  helpValue: 'DIR',
})

export const debugFlag = Flags.boolean({description: 'Show stack traces for errors.', default: false})

/** Flags every data command shares. */
export const dataFlags = {
  format: formatFlag,
  workspace: workspaceFlag,
}
