import type {GppTag} from '../../model/gpp.js'

/**
 * The shipped GPP tag set (data/gpp-groups.csv).
 * STUB (lead).
 */
export async function loadGppTags(): Promise<GppTag[]> {
  return []
}
