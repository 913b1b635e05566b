/**
 * Misspelt legal forms come from the legal-form table (data/legal-forms.csv),
 * not from code: `Lltd` and `Ltld`, seen in Oxford City Council's files,
 * are stripped at the end of a name, and every one-word spelling of a
 * Ltd/PLC/LLP/LLC/Inc/GmbH/Corp row ends the legal name inside a name.
 */
import {describe, expect, it} from 'vitest'
import {legalBase} from '../../../src/analysis/entities/legal-base.js'
import {loadLegalForms, parseLegalForms} from '../../../src/io/read/legal-forms.js'
import {matchName} from '../../../src/model/entity-name.js'

const forms = await loadLegalForms()
const key = (name: string) => matchName(name, forms).key

describe('misspelt legal forms from the table', () => {
  it('strips Lltd and Ltld at the end of a name, as Ltd, with the file they were seen in as source', () => {
    expect(key('The Mission Mexican Grill Lltd.')).toBe(key('The Mission Mexican Grill Ltd'))
    expect(key('INTEC FOR BUSINES LTLD.')).toBe(key('INTEC FOR BUSINES LTD'))
    const row = forms.find((r) => r.variants.includes('lltd'))
    expect(row?.form).toBe('Ltd')
    expect(row?.variants).toContain('ltld')
    expect(row?.source).toMatch(/^misspelling seen in uk-oxford-city-council-over500\//)
  })

  it('ends the legal name inside a name at any one-word spelling of such a form in the table', () => {
    for (const form of ['Ltd', 'Limted', 'Lltd', 'Incorperated', 'Corpn', 'GmbH']) {
      const name = `Neopost ${form} RCB Credifon`
      expect(legalBase(name, key(name), forms), name).toBe('neopost')
    }
    // A spelling only a caller's table lists is read from that table.
    const own = parseLegalForms('form,variants,country,language,source\nLtd,ltd;ltdd,GB,en,test\n')
    expect(legalBase('Neopost Ltdd RCB', matchName('Neopost Ltdd RCB', own).key, own)).toBe('neopost')
  })
})
