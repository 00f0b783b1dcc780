import { createRequire } from 'node:module';
import * as z from 'zod';

/**
 * The official commune list (COG 2026, see `data/reference/build-communes.mjs`), read and checked
 * on the first lookup of an execution environment. The 1 MB file is no part of the bundle: it is
 * read through the `#data/*` imports (package.json), and the functions whose code names it get a
 * copy beside their bundle (lib/constructs/service-function.ts). A synchronous `require`, so that
 * lookups stay synchronous.
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

const requireData = createRequire(import.meta.url);

function load() {
  const parsed = referenceSchema.parse(requireData('#data/reference/communes-cog-2026.json'));
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

let loaded: ReturnType<typeof load> | undefined;
const list = () => {
  loaded ??= load();
  return loaded;
};

/**
 * The commune an INSEE code designates: a commune of the COG, or the commune an arrondissement
 * (Paris, Lyon, Marseille) or a delegated or associated commune belongs to. Unknown: undefined.
 */
export function resolveCommune(code: string): ResolvedCommune | undefined {
  const { communes, aliases } = list();
  const commune = communes.get(code);
  if (commune) return { commune };
  const parent = aliases.get(code);
  const parentCommune = parent === undefined ? undefined : communes.get(parent);
  return parentCommune ? { commune: parentCommune, typedCode: code } : undefined;
}

/** A commune by its own code (stored codes are always commune codes). */
export function communeByCode(code: string): Commune | undefined {
  return list().communes.get(code);
}
