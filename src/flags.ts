import {Flags} from '@oclif/core'

import {formats} from './io/write/view.js'

export type {Format} from './io/write/view.js'

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

/** Seconds a command that writes the workspace waits for another's lock by default. */
export const DEFAULT_LOCK_WAIT_SECONDS = 60

export const waitFlag = Flags.integer({
  description: `Seconds to wait while another spend writes the workspace (0: fail at once).`,
  default: DEFAULT_LOCK_WAIT_SECONDS,
  min: 0,
  helpValue: 'SECONDS',
})

/** Flags every data command shares. */
export const dataFlags = {
  format: formatFlag,
  workspace: workspaceFlag,
}

/**
 * The common filters and money options of every analysis command. `--to`
 * takes a date/period and, with --fx, the target currency: both can be given
 * (`--to 2024-Q4 --to EUR`), and three capital letters are never a date.
 */
export const analysisFlags = {
  ...dataFlags,
  buyer: Flags.string({description: 'Only this buyer: id, name or a unique part of it (repeatable).', multiple: true, helpValue: 'NAME'}),
  supplier: Flags.string({description: 'Only this supplier: key, id, name or a unique part of it (repeatable).', multiple: true, helpValue: 'NAME'}),
  category: Flags.string({description: 'Only this category (code prefix, CPV code or text; repeatable).', multiple: true, helpValue: 'CODE'}),
  from: Flags.string({description: 'From this date or period (2024-03-15, 2024-03, 2024-Q1, 2024).', helpValue: 'WHEN'}),
  to: Flags.string({
    description: 'Up to this date or period (inclusive); with --fx, also the target currency (e.g. --to EUR).',
    multiple: true,
    helpValue: 'WHEN|CODE',
  }),
  currency: Flags.string({description: 'Only amounts in this currency (repeatable).', multiple: true, helpValue: 'CODE'}),
  'exclude-redacted': Flags.boolean({
    description: 'Drop rows whose supplier is redacted or blank from everything, totals included (default: they stay in totals and are left out of supplier counts, ranks and shares).',
    default: false,
  }),
  'fail-empty': Flags.boolean({
    description: 'Exit 1 with an error when no rows match the filters (for scripts); without it an empty result exits 0 with a note on stderr.',
    default: false,
  }),
  fx: Flags.string({description: 'Convert with this rates file (CSV: date or month, currency, rate); needs --to CODE.', helpValue: 'FILE'}),
  deflate: Flags.string({description: 'Restate in constant prices with this index file (CSV: year or month, index); needs --base.', helpValue: 'FILE'}),
  base: Flags.string({description: 'Base year (or month) for --deflate.', helpValue: 'YEAR'}),
  file: Flags.string({description: 'Analyse these files directly (imported in memory) instead of the workspace; repeatable.', multiple: true, helpValue: 'FILE'}),
}
