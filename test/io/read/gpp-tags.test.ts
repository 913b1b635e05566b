/**
 * The shipped GPP tag set (data/gpp-groups.csv) and its reader: the file
 * parses, names a source on every row, covers every EU GPP product group the
 * issue asks for, and each prefix is the start of a CPV 2008 code; a bad file
 * fails with one line naming file:line.
 */
import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {GPP_GROUPS_FILE, loadGppTags, parseGppTags} from '../../../src/io/read/gpp.js'
import {cpvLabels} from '../../../src/io/cpv-labels.js'
import {SpendInputError} from '../../../src/errors.js'

const HEADER = 'prefix,group,source\n'

function failure(text: string): SpendInputError {
  try {
    parseGppTags(text, 'tags.csv')
  } catch (error) {
    if (error instanceof SpendInputError) return error
    throw error
  }
  throw new Error('no error')
}

describe('data/gpp-groups.csv', () => {
  it('covers the EU GPP product groups, each prefix the start of a CPV 2008 code', async () => {
    const tags = await loadGppTags()
    const groups = new Set(tags.map((t) => t.group))
    for (const g of [
      'Food, catering services and vending machines', 'Cleaning products and services', 'Computers, monitors, tablets and smartphones',
      'Copying and graphic paper', 'Data centres, server rooms and cloud services', 'Electricity', 'Furniture',
      'Imaging equipment, consumables and print services', 'Office building design, construction and management',
      'Paints, varnishes and road markings', 'Public space maintenance', 'Road design, construction and maintenance',
      'Road lighting and traffic signals', 'Road transport', 'Sanitary tapware', 'Toilets and urinals', 'Textile products and services',
      'Water-based heaters', 'Wastewater infrastructure', 'Electrical and electronic equipment used in health care',
    ]) expect(groups.has(g), g).toBe(true)
    const codes = [...(await cpvLabels()).keys()]
    for (const t of tags) expect(codes.some((c) => c.startsWith(t.prefix)), t.prefix).toBe(true)
  })

  it('names the European Commission criteria document, with its year, on every row', () => {
    const lines = readFileSync(GPP_GROUPS_FILE, 'utf8').trim().split('\n').slice(1)
    expect(lines.length).toBe(parseGppTags(readFileSync(GPP_GROUPS_FILE, 'utf8')).length)
    for (const line of lines) expect(line, line).toMatch(/European Commission, EU GPP criteria: .+ \(\d{4}\)"?$/)
  })
})

describe('parseGppTags', () => {
  it('reads prefix and group, in file order', () => {
    expect(parseGppTags(`${HEADER}0931,Electricity,EC\n341,Road transport,EC\n`)).toEqual([
      {prefix: '0931', group: 'Electricity'}, {prefix: '341', group: 'Road transport'},
    ])
  })

  it.each([
    ['a prefix that is not 2-8 digits', `${HEADER}9,Electricity,EC\n`, 'tags.csv:2', /not a CPV prefix/],
    ['a check digit in a prefix', `${HEADER}09310000-5,Electricity,EC\n`, 'tags.csv:2', /not a CPV prefix/],
    ['no group', `${HEADER}0931,,EC\n`, 'tags.csv:2', /names no group/],
    ['no source', `${HEADER}0931,Electricity,\n`, 'tags.csv:2', /names no source/],
    ['a prefix listed twice', `${HEADER}0931,Electricity,EC\n341,Road transport,EC\n0931,Furniture,EC\n`, 'tags.csv:4', /already listed on line 2/],
    ['a missing column', 'prefix,group\n0931,Electricity\n', 'tags.csv', /no source column/],
    ['an empty file', '', 'tags.csv', /empty/],
  ])('fails on %s, naming where', (_what, text, where, message) => {
    const e = failure(text)
    expect(e.where).toBe(where)
    expect(e.message).toMatch(message)
    expect(e.hint).toBeTruthy()
  })
})
