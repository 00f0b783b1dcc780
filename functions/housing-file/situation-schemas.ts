import * as z from 'zod';
import { priorityCriteria, priorityProofTypes } from './priority-criteria.ts';
import { situationRules } from './situation-rules.ts';

/**
 * Shapes of "Ma situation" (rule R5) and of the NUD renewal (rule R4): what the employee sends,
 * what is stored, what is answered. Format rules live here (400 from the route); rules that need
 * the clock, the commune list or several fields together are checked by the use cases.
 */

const calendarDate = () =>
  z.iso.date({
    error: (issue) => (issue.input === undefined ? 'Champ obligatoire.' : 'Date attendue au format AAAA-MM-JJ (ex. 2026-03-15).'),
  });

const euros = () =>
  z
    .number({ error: (issue) => (issue.input === undefined ? 'Champ obligatoire.' : 'Montant en euros attendu (nombre).') })
    .min(0, 'Le montant doit être positif ou nul.')
    .max(10_000_000, 'Montant trop élevé.');

/** Removes repeated values, keeping the first occurrence's order. */
const distinct = <T>(values: T[]) => [...new Set(values)];

export const relationshipSchema = z.enum(['applicant', 'spouse', 'child', 'other-dependant', 'other'], {
  error: 'Lien attendu : applicant (demandeur), spouse (conjoint), child (enfant), other-dependant (autre personne à charge) ou other.',
});

const householdMemberSchema = z.strictObject({
  relationship: relationshipSchema,
  birthDate: calendarDate().refine((date) => date >= '1900-01-01', 'Date de naissance trop ancienne.'),
  disability: z.boolean({ error: 'Indiquez true ou false (situation de handicap).' }),
});

const householdSchema = z.strictObject({
  members: z
    .array(householdMemberSchema, { error: 'Liste des personnes du ménage attendue.' })
    .min(1, 'Le ménage comprend au moins le demandeur.')
    .max(situationRules.maxHouseholdMembers, `Au plus ${situationRules.maxHouseholdMembers} personnes.`),
});

const lowerBy = `${situationRules.alternativeIncomeMinReductionPercent} %`;

const incomeSchema = z.strictObject({
  yearN2: z
    .int({ error: 'Année attendue (ex. 2024).' })
    .min(2000, 'Année trop ancienne.')
    .optional()
    .meta({ description: 'Année du revenu fiscal de référence ; par défaut l’année en cours moins 2' }),
  rfrN2: euros().meta({ description: 'Revenu fiscal de référence de l’année N-2 (avis d’imposition N-1), euros' }),
  incomeN1: euros()
    .nullish()
    .meta({ description: `Revenus de l’année N-1, seulement s’ils sont inférieurs d’au moins ${lowerBy} au RFR N-2` }),
  incomeLast12Months: euros()
    .nullish()
    .meta({ description: `Revenus des 12 derniers mois, seulement s’ils sont inférieurs d’au moins ${lowerBy} au RFR N-2` }),
});

const trialPeriodSchema = z
  .strictObject({
    ongoing: z.boolean({ error: 'Indiquez true ou false (période d’essai en cours).' }),
    endsOn: calendarDate().nullish(),
  })
  .refine((trial) => !trial.ongoing || trial.endsOn, {
    path: ['endsOn'],
    message: 'Date de fin de la période d’essai obligatoire quand elle est en cours.',
  });

const contractCommon = {
  startDate: calendarDate(),
  trialPeriod: trialPeriodSchema,
};

const employmentSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('CDI'), ...contractCommon }),
    z.strictObject({ kind: z.literal('CDD'), ...contractCommon, endDate: calendarDate() }),
    z.strictObject({
      kind: z.literal('other'),
      ...contractCommon,
      endDate: calendarDate().nullish(),
      description: z.string().trim().max(200, 'Au plus 200 caractères.').nullish(),
    }),
  ],
  { error: 'Type de contrat attendu : CDI, CDD ou other.' },
);

export const housingKindSchema = z.enum(['house', 'apartment'], { error: 'Type attendu : house (maison) ou apartment (appartement).' });
export const typologySchema = z.enum(['T1', 'T2', 'T3', 'T4', 'T5+'], { error: 'Typologie attendue : T1, T2, T3, T4 ou T5+.' });

export const inseeCodeSchema = z
  .string({ error: 'Code INSEE attendu (texte).' })
  .trim()
  .toUpperCase()
  .regex(/^(\d{5}|2[AB]\d{3})$/, 'Code INSEE attendu : 5 caractères (ex. 75056, 2A004).');

const searchCriteriaSchema = z.strictObject({
  kinds: z.array(housingKindSchema).min(1, 'Choisissez maison, appartement, ou les deux.').max(2).transform(distinct),
  typologies: z.array(typologySchema).min(1, 'Choisissez au moins une typologie.').max(5).transform(distinct),
  communes: z
    .array(inseeCodeSchema)
    .min(1, 'Indiquez au moins une commune.')
    .max(situationRules.maxCommunes, `Au plus ${situationRules.maxCommunes} communes.`),
  minSurfaceM2: z
    .number({ error: 'Surface en m² attendue.' })
    .min(0, 'La surface doit être positive ou nulle.')
    .max(1_000, 'Surface trop grande.'),
  maxRentEuros: z
    .number({ error: 'Loyer mensuel maximum en euros attendu.' })
    .positive('Le loyer maximum doit être positif.')
    .max(20_000, 'Loyer trop élevé.'),
});

export const priorityCriterionSchema = z.enum(priorityCriteria, {
  error: `Critère attendu : ${priorityCriteria.join(', ')}.`,
});

/** `PUT /me/situation`: replaces the situation; a section left out (or null) is emptied. */
export const situationInputSchema = z.strictObject({
  nud: z
    .strictObject({ firstRegisteredOn: calendarDate() })
    .optional()
    .meta({ description: 'Date de première inscription de la demande (NUD) ; conservée si absente' }),
  household: householdSchema.nullish(),
  income: incomeSchema.nullish(),
  employment: employmentSchema.nullish(),
  mainResidence: z.boolean({ error: 'Indiquez true ou false.' }).nullish().meta({
    description: 'Le logement recherché sera la résidence principale (obligatoire pour candidater, règle R2)',
  }),
  searchCriteria: searchCriteriaSchema.nullish(),
  priorityCriteria: z
    .array(priorityCriterionSchema)
    .max(priorityCriteria.length)
    .transform(distinct)
    .nullish()
    .meta({
      description:
        'Critères de ménage prioritaire déclarés ; chacun ne compte dans le score qu’une fois son justificatif reçu : ' +
        priorityCriteria.map((criterion) => `${criterion} → ${priorityProofTypes[criterion]}`).join(', '),
    }),
});
export type SituationInput = z.output<typeof situationInputSchema>;

/** `POST /me/nud-renewal`. */
export const nudRenewalSchema = z.strictObject({
  renewedOn: calendarDate().optional().meta({ description: 'Date du renouvellement ; aujourd’hui si absente' }),
});
export type NudRenewalInput = z.output<typeof nudRenewalSchema>;

const fieldMessageSchema = z.object({ field: z.string(), message: z.string() });

export const nudViewSchema = z.object({
  number: z.string(),
  firstRegisteredOn: z.iso.date().nullable(),
  lastRenewedOn: z.iso.date().nullable(),
  validity: z.object({
    status: z.enum(['valid', 'expired', 'unknown']),
    valid: z.boolean(),
    basis: z.enum(['last-renewal', 'first-registration']).nullable(),
    expiresOn: z.iso.date().nullable().meta({ description: 'Premier jour où la demande n’est plus valide' }),
    daysLeft: z.int().nullable(),
    message: z.string(),
  }),
});
export type NudView = z.input<typeof nudViewSchema>;

export const employeeIdParamsSchema = z.object({
  employeeId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Identifiant de salarié invalide.'),
});

/** `PATCH /operator/employees/{employeeId}/nud`: the operator corrects the first-registration date, as the NUD certificate shows it. */
export const nudCorrectionInputSchema = z.strictObject({
  firstRegisteredOn: calendarDate().meta({ description: 'Date de première inscription lue sur l’attestation d’enregistrement' }),
  reason: z
    .string({ error: 'Motif obligatoire (texte).' })
    .trim()
    .min(1, 'Motif obligatoire : il est envoyé au salarié.')
    .max(500, '500 caractères au plus.'),
});
export type NudCorrectionInput = z.output<typeof nudCorrectionInputSchema>;

export const nudCorrectionViewSchema = z.object({
  employeeId: z.string(),
  nud: nudViewSchema,
  correction: z
    .object({
      at: z.iso.datetime(),
      by: z.string(),
      field: z.literal('firstRegisteredOn'),
      from: z.iso.date().nullable(),
      to: z.iso.date(),
      reason: z.string(),
    })
    .nullable()
    .meta({ description: 'L’entrée d’historique écrite ; null : la date était déjà celle-ci, rien n’a changé' }),
});
export type NudCorrectionView = z.input<typeof nudCorrectionViewSchema>;

export const situationViewSchema = z.object({
  nud: nudViewSchema,
  household: z
    .object({
      members: z.array(z.object({ relationship: relationshipSchema, birthDate: z.iso.date(), age: z.int(), disability: z.boolean() })),
      category: z.object({
        category: z.int().min(1).max(6),
        extraPersons: z.int(),
        persons: z.int(),
        dependants: z.int(),
        jeuneMenage: z.boolean(),
        disability: z.boolean(),
        explanation: z.array(z.string()),
      }),
    })
    .nullable(),
  income: z
    .object({
      yearN2: z.int(),
      rfrN2: z.number(),
      yearN1: z.int(),
      incomeN1: z.number().nullable(),
      incomeLast12Months: z.number().nullable(),
      retained: z.object({
        basis: z.enum(['N-2', 'N-1', 'last-12-months']),
        amount: z.number(),
        explanation: z.string(),
      }),
    })
    .nullable(),
  employment: z
    .object({
      kind: z.enum(['CDI', 'CDD', 'other']),
      startDate: z.iso.date(),
      endDate: z.iso.date().nullable(),
      description: z.string().nullable(),
      trialPeriod: z.object({ ongoing: z.boolean(), endsOn: z.iso.date().nullable() }),
    })
    .nullable(),
  mainResidence: z.boolean().nullable(),
  searchCriteria: z
    .object({
      kinds: z.array(housingKindSchema),
      typologies: z.array(typologySchema),
      communes: z.array(z.object({ code: z.string(), name: z.string(), department: z.string() })),
      minSurfaceM2: z.number(),
      maxRentEuros: z.number(),
    })
    .nullable(),
  priorityCriteria: z
    .array(
      z.object({
        criterion: priorityCriterionSchema,
        label: z.string(),
        proof: z
          .object({
            type: z.string(),
            label: z.string(),
            received: z.boolean().meta({ description: 'Reçu et encore valable aujourd’hui' }),
          })
          .meta({ description: 'Le justificatif qui fait compter ce critère' }),
        declared: z.boolean().meta({ description: 'false : déduit du ménage (handicap d’une personne du ménage)' }),
      }),
    )
    .meta({ description: 'Critères de ménage prioritaire, déclarés ou déduits du ménage, avec leur justificatif' }),
  /** Sections still to fill in; the situation is complete when this is empty. */
  missing: z.array(fieldMessageSchema),
  /** Filled in, but something will block an application or needs updating. */
  warnings: z.array(fieldMessageSchema),
  complete: z.boolean(),
  updatedAt: z.iso.datetime().nullable(),
});
export type SituationView = z.input<typeof situationViewSchema>;
