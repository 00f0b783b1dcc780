import { z } from 'zod';
import reference from '../../data/reference/communes-cog-2026.json' with { type: 'json' };

/**
 * The official commune list (COG 2026, see `data/reference/build-communes.mjs`), loaded once per
 * execution environment. Only the "Ma situation" functions import this module, so the others do
 * not carry the list in their bundle.
 */
export interface Commune {
  /** INSEE code of the commune (not of an arrondissement). */
  readonly code: string;
  readonly name: string;
  readonly department: string;
}

/** How a code typed by the employee was understood. */
export interface ResolvedCommune {
  readonly commune: Commune;
  /** The code as typed, when it named an arrondissement or a delegated commune of `commune`. */
  readonly typedCode?: string;
}

const referenceSchema = z.object({
  communes: z.array(z.string().regex(/^[0-9AB]{5}\|[0-9AB]{2,3}\|.+$/)),
  aliases: z.array(z.string().regex(/^[0-9AB]{5}\|[0-9AB]{5}$/)),
});

function load() {
  const parsed = referenceSchema.parse(reference);
  const communes = new Map<string, Commune>();
  for (const line of parsed.communes) {
    const [code = '', department = '', name = ''] = line.split('|');
    communes.set(code, { code, name, department });
  }
  const aliases = new Map<string, string>();
  for (const line of parsed.aliases) {
    const [code = '', parent = ''] = line.split('|');
    aliases.set(code, parent);
  }
  return { communes, aliases };
}

const list = load();

/**
 * The commune an INSEE code designates: a commune of the COG, or the commune an arrondissement
 * (Paris, Lyon, Marseille) or a delegated or associated commune belongs to. Unknown: undefined.
 */
export function resolveCommune(code: string): ResolvedCommune | undefined {
  const commune = list.communes.get(code);
  if (commune) return { commune };
  const parent = list.aliases.get(code);
  const parentCommune = parent === undefined ? undefined : list.communes.get(parent);
  return parentCommune ? { commune: parentCommune, typedCode: code } : undefined;
}

/** A commune by its own code (stored codes are always commune codes). */
export function communeByCode(code: string): Commune | undefined {
  return list.communes.get(code);
}
