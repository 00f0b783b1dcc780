import * as z from 'zod';
import { tabSchema } from '#applications/browse-schemas.ts';
import { timeZone } from '#shared/calendar.ts';

/**
 * Shapes of the new-offer alerts (`/me/alerts`): what the employee sends and reads back, and the
 * numbers of the digest job, kept apart from the code that applies them.
 */
export interface AlertRules {
  readonly maxOffersPerDigest: number;
  readonly indexLagMarginMs: number;
  readonly maxPagesPerDepartment: number;
  readonly subscriberConcurrency: number;
  readonly subscribersPerTransaction: number;
  readonly timeZone: string;
}

export const alertRules: AlertRules = {
  /** Offers listed in one e-mail; the rest are counted and found in the tabs. */
  maxOffersPerDigest: 20,
  /**
   * The job covers offers published up to this long before its clock only: an offer published
   * just before a run may reach the department index a moment later. The next run looks at that
   * margin again, and the offers already sent are skipped.
   */
  indexLagMarginMs: 5 * 60_000,
  /** Pages read per department Query (1 MB each), as for the tabs. */
  maxPagesPerDepartment: 10,
  /**
   * Subscribers handled at once (file Query and conditional write each): one at a time, a
   * 120 s run held ≈ 10,000 of the ≈ 180,000 expected (docs/scale.md). Each write is conditioned
   * on its own subscriber's index key, so two never collide.
   */
  subscriberConcurrency: 16,
  /**
   * Subscribers recorded (and their digests queued) by one transaction: at most two actions
   * each, of DynamoDB's 100. A round trip per 25 rather than per subscriber; the price is the
   * transactional write of those without a digest (2 WCU per KB instead of 1).
   */
  subscribersPerTransaction: 25,
  /** Calendar of "the same day" for the job's idempotence, and of the dates in the e-mail. */
  timeZone,
};

/** Without a choice, the digest lists the offers of the requested communes, the criteria themselves. */
export const defaultTabs: readonly z.infer<typeof tabSchema>[] = ['requested'];

export const alertSettingsInputSchema = z.strictObject({
  enabled: z.boolean({ error: 'Indiquez true (recevoir les alertes) ou false (ne plus les recevoir).' }),
  tabs: z
    .array(tabSchema, { error: 'Liste d’onglets attendue : requested, neighbouring, department.' })
    .min(1, 'Choisissez au moins un onglet.')
    .max(3)
    .refine((tabs) => new Set(tabs).size === tabs.length, 'Chaque onglet une seule fois.')
    .optional()
    .meta({
      description:
        'Onglets dont les nouvelles offres sont envoyées ; par défaut requested (communes demandées), ou les réglages précédents',
    }),
});
export type AlertSettingsInput = z.output<typeof alertSettingsInputSchema>;

export const alertSettingsViewSchema = z.object({
  enabled: z.boolean(),
  tabs: z.array(tabSchema),
  since: z.iso
    .datetime()
    .nullable()
    .meta({ description: 'Les offres publiées après cet instant, si elles vous correspondent, figureront dans le prochain envoi' }),
  lastDigestAt: z.iso.datetime().nullable().meta({ description: 'Date du dernier envoi d’alerte, null si aucun' }),
});
export type AlertSettingsView = z.input<typeof alertSettingsViewSchema>;
