// State several views read: the tag colours from the last list_tags call, so
// list rows (whose summaries carry tag names only) can colour their chips.

/** @type {Map<string, string|null>} Tag name → stored colour. */
export const tagColours = new Map();

/**
 * Replaces the known tag colours.
 * @param {{ name: string, colour: string|null }[]} tags
 */
export function setTagColours(tags) {
  tagColours.clear();
  for (const tag of tags) tagColours.set(tag.name, tag.colour);
}
