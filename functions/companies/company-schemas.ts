import { z } from 'zod';
import { isValidSiret } from './siret.ts';

export const siretSchema = z
  .string()
  .transform((value) => value.replace(/\s+/g, ''))
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, 'Le SIRET doit comporter 14 chiffres.')
      .refine(isValidSiret, 'Le SIRET est invalide (clé de contrôle incorrecte).'),
  )
  .meta({ description: 'SIRET, 14 chiffres (espaces ignorés)', example: '73282932000074' });

export const sectorSchema = z.enum(['private', 'agricultural']);

export const companyDeclarationSchema = z.strictObject({
  siret: siretSchema,
  name: z.string().trim().min(1).max(200),
  sector: sectorSchema,
  headcount: z.int().min(0).max(1_000_000),
  contributor: z.boolean().meta({ description: 'Verse la PEEC' }),
  lastContributionEuros: z.number().min(0).max(1e10).meta({ description: 'Dernière PEEC versée, en euros' }),
  lastContributionYear: z.int().min(2000).max(2100),
  hrContactEmail: z.email().optional().meta({ description: 'Reçoit l’avis de déclaration' }),
});
export type CompanyDeclaration = z.output<typeof companyDeclarationSchema>;

const eligibilitySchema = z.object({
  eligible: z.boolean(),
  reasons: z.array(z.object({ criterion: z.enum(['headcount', 'contribution']), met: z.boolean(), message: z.string() })),
});

export const companyViewSchema = z.object({
  siret: z.string(),
  name: z.string(),
  sector: sectorSchema,
  headcount: z.int(),
  contributor: z.boolean(),
  lastContributionEuros: z.number(),
  lastContributionYear: z.int(),
  declaredAt: z.iso.datetime(),
  eligibility: eligibilitySchema,
});
export type CompanyView = z.input<typeof companyViewSchema>;

export const siretParamsSchema = z.object({ siret: siretSchema });

export const publicEligibilitySchema = z.object({ siret: z.string(), eligible: z.boolean() });
