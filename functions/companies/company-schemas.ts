import * as z from 'zod';
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

export const sectorSchema = z.enum(['private', 'agricultural'], { error: 'Secteur attendu : private (privé) ou agricultural (agricole).' });

/** The figures a company keeps current (issue 13, item 7): eligibility and the robot's employer criterion read them. */
export const companyFigureFields = ['sector', 'headcount', 'contributor', 'lastContributionEuros', 'lastContributionYear'] as const;

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
  contributionPerEmployeeEuros: z
    .number()
    .meta({ description: 'Dernière PEEC ÷ effectif, en euros : ce que lit le critère employeur du robot' }),
  declaredAt: z.iso.datetime(),
  updatedAt: z.iso.datetime().optional().meta({ description: 'Dernière mise à jour des chiffres de l’entreprise' }),
  eligibility: eligibilitySchema,
});
export type CompanyView = z.input<typeof companyViewSchema>;

export const siretParamsSchema = z.object({ siret: siretSchema });

/** `PATCH /companies/{siret}`: the figures HR keeps current; at least one. */
export const companyUpdateSchema = z
  .strictObject({
    headcount: z
      .int({ error: 'Effectif attendu (nombre entier).' })
      .min(0, 'L’effectif est positif ou nul.')
      .max(1_000_000, 'Effectif trop élevé.'),
    sector: sectorSchema,
    contributor: z.boolean({ error: 'Indiquez true ou false (l’entreprise verse la PEEC).' }).meta({ description: 'Verse la PEEC' }),
    lastContributionEuros: z
      .number({ error: 'Montant en euros attendu (nombre).' })
      .min(0, 'Le montant doit être positif ou nul.')
      .max(1e10, 'Montant trop élevé.')
      .meta({ description: 'Dernière PEEC versée, en euros (÷ effectif : la contribution par salarié)' }),
    lastContributionYear: z
      .int({ error: 'Année attendue (ex. 2025).' })
      .min(2000, 'Année trop ancienne.')
      .max(2100, 'Année trop lointaine.'),
  })
  .partial()
  .refine((update) => Object.keys(update).length > 0, 'Indiquez au moins un chiffre à mettre à jour.');
export type CompanyUpdate = z.output<typeof companyUpdateSchema>;

export const companyUpdateViewSchema = companyViewSchema.extend({
  eligibilityChange: z
    .object({ before: z.boolean(), after: z.boolean(), message: z.string() })
    .meta({ description: 'L’éligibilité avant et après la mise à jour, expliquée' }),
});
export type CompanyUpdateView = z.input<typeof companyUpdateViewSchema>;

const figureValueSchema = z.union([z.number(), z.boolean(), z.string()]);

export const companyHistorySchema = z.object({
  siret: z.string(),
  entries: z.array(
    z.object({
      at: z.iso.datetime().meta({ description: 'Instant de la mise à jour : les nouveaux chiffres sont en vigueur à partir de lui' }),
      by: z.string(),
      role: z.enum(['company', 'operator']),
      changes: z.array(
        z.object({
          field: z.enum(companyFigureFields),
          from: figureValueSchema,
          to: figureValueSchema,
        }),
      ),
      eligibleBefore: z.boolean(),
      eligibleAfter: z.boolean(),
    }),
  ),
});
export type CompanyHistoryView = z.input<typeof companyHistorySchema>;

export const publicEligibilitySchema = z.object({ siret: z.string(), eligible: z.boolean() });

export const companyPageSchema = z.object({
  companies: z.array(
    z.object({
      siret: z.string(),
      name: z.string(),
      sector: sectorSchema,
      headcount: z.int().meta({ description: 'Effectif déclaré' }),
      contributor: z.boolean(),
      eligible: z.boolean().meta({ description: 'Éligibilité (règle R1) avec les chiffres en vigueur' }),
      declaredAt: z.iso.datetime(),
      updatedAt: z.iso.datetime().optional(),
    }),
  ),
  cursor: z.string().optional().meta({ description: 'Absent sur la dernière page' }),
});
export type CompanyPage = z.input<typeof companyPageSchema>;
