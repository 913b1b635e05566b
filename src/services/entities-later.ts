import type {Workspace} from '../io/workspace/index.js'
import {readOverlay} from '../io/workspace/overlays.js'
import {entitiesLaterMsg} from '../messages.js'

/**
 * The line `spend import` prints after importing a file into a workspace
 * with a stored crosswalk: how many of the new import's distinct supplier
 * names the crosswalk lists, how many joined an entity automatically, how
 * many are new. Null when no crosswalk is stored (then nothing else is read).
 * Reads only the new import's supplier columns, never the file again.
 * @example await laterImportLine(ws, entry.id, 'march.csv')
 */
export async function laterImportLine(ws: Workspace, importId: string, shown: string): Promise<string | null> {
  const stored = await readOverlay(ws.dir, 'entities')
  if (!stored) return null
  const [{laterNames}, {loadLegalForms}, {parseStoredCrosswalk}] = await Promise.all([
    import('../analysis/entities/later.js'), import('../io/read/legal-forms.js'), import('../io/read/crosswalk.js'),
  ])
  const frame = await ws.loadFrame(['supplier', 'supplier_id'], {imports: [importId]})
  const counts = laterNames(frame, parseStoredCrosswalk(stored.text, stored.entry.source), await loadLegalForms())
  return entitiesLaterMsg.importNames(shown, counts)
}
