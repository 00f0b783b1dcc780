import * as z from 'zod';

/**
 * Finding a commune by name (`GET /communes?q=`): what the web's commune picker sends and reads.
 * Kept apart from the situation's schemas, so that the route declaration carries no commune list.
 */
export const communeQueryBounds = { min: 2, max: 60 } as const;

export const communeSearchQuerySchema = z.object({
  q: z
    .string({ error: 'Saisissez le début du nom, le code postal ou le code INSEE de la commune.' })
    .trim()
    .min(communeQueryBounds.min, `Saisissez au moins ${communeQueryBounds.min} caractères.`)
    .max(communeQueryBounds.max, `Saisissez au plus ${communeQueryBounds.max} caractères.`)
    .meta({ description: 'Début du nom (accents et majuscules indifférents), code postal ou code INSEE', example: 'evry' }),
});

const communeMatchSchema = z.object({
  code: z.string().meta({ description: 'Code INSEE de la commune, la valeur des critères de recherche', example: '91228' }),
  name: z.string().meta({ example: 'Évry-Courcouronnes' }),
  department: z.string().meta({ example: '91' }),
  postcode: z.string().meta({ description: 'Le code postal saisi s’il correspond, sinon le premier de la commune', example: '91000' }),
});
export type CommuneMatch = z.output<typeof communeMatchSchema>;

export const communeSearchResultSchema = z.object({
  communes: z
    .array(communeMatchSchema)
    .meta({ description: 'Au plus 10 communes : nom ou code exact, puis début du nom, puis un mot du nom ; les plus peuplées d’abord' }),
});
