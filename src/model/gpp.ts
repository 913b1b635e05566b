/**
 * The EU green public procurement (GPP) product groups, as a tag set over CPV
 * codes (data/gpp-groups.csv): a CPV code belongs to the group of its longest
 * listed prefix.
 */
export interface GppTag {
  /** CPV digits the tag covers (2 to 8 leading digits of the code, no trailing zeros needed). */
  prefix: string
  /** The product group, e.g. `Food and catering services`. */
  group: string
}
