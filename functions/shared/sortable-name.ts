/**
 * A name as a sort key of a list index: lower case, accents and punctuation dropped, spaces
 * collapsed, so that « Élan Habitat » sorts beside « elan habitat » (DynamoDB orders by code point).
 */
export const sortableName = (name: string) =>
  name
    .normalize('NFD')
    .replace(/[^\p{L}\p{N} ]/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
