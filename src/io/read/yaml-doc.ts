/**
 * A YAML configuration file opened for checking node by node (a report's
 * report.yml, `spend flags --config`): the document's root, and `fail`, which
 * throws the one-line BAD_CONFIG error naming `file:line` of a node. A YAML
 * syntax error is that error at once.
 */
import {SpendInputError} from '../../errors.js'
import {reportMsg} from '../../messages.js'

/** A YAML node as the checkers read it: a value with its source range. */
export interface RangedNode {
  range?: [number, number, number] | null
}

export interface YamlDocument {
  /** The root node, or null for an empty document (or one holding only null). */
  root: unknown
  fail(node: RangedNode | null | undefined, what: string, hint: string): never
}

/**
 * Parse a configuration's text (duplicate keys are errors).
 * @example (await openYamlDocument('a: 1\n', 'x.yml')).root // a YAML map node
 */
export async function openYamlDocument(text: string, file: string): Promise<YamlDocument> {
  const YAML = await import('yaml')
  const lines = new YAML.LineCounter()
  const doc = YAML.parseDocument(text, {lineCounter: lines, prettyErrors: false, uniqueKeys: true})
  const lineOf = (node: RangedNode | null | undefined) => (node?.range ? lines.linePos(node.range[0]).line : 1)
  const fail = (node: RangedNode | null | undefined, what: string, hint: string): never => {
    throw new SpendInputError('BAD_CONFIG', what, {where: `${file}:${lineOf(node)}`, hint, exit: 2})
  }
  const first = doc.errors[0]
  if (first) {
    throw new SpendInputError('BAD_CONFIG', reportMsg.yamlError(first.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')), {
      where: `${file}:${first.linePos?.[0].line ?? 1}`, hint: reportMsg.yamlHint(), exit: 2,
    })
  }
  const root = doc.contents as unknown
  const empty = root === null || (YAML.isScalar(root) && root.value === null)
  return {root: empty ? null : root, fail}
}
