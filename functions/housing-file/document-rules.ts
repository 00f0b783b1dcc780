import { addMonths, timeZone } from '#shared/calendar.ts';

/**
 * Supporting documents of the housing file (rule R6): which types exist, which are required,
 * how long each stays valid, and the upload limits. Like `#shared/business-rules.ts`, these are
 * defaults that code receives as an argument, so tests and operators can use other values.
 */

export const documentTypes = [
  'identity',
  'tax-notice',
  'payslip-1',
  'payslip-2',
  'payslip-3',
  'employer-attestation',
  'nud-certificate',
  'proof-of-address',
  'rent-receipts',
  'family-record',
  'disability-card',
  'residence-permit',
  'mobility-proof',
  'temporary-accommodation-proof',
  'domestic-violence-proof',
  'first-job-proof',
] as const;
export type DocumentType = (typeof documentTypes)[number];

/**
 * How long a received document counts, from the day it was received (its content is not read,
 * so the receipt day is the only date the platform knows for sure).
 * - `none`: valid until replaced;
 * - `months`: invalid from the same day `months` later;
 * - `annual-release`: for documents issued once a year (the tax notice): valid until the next
 *   yearly release after receipt, plus a grace period for the employee to upload the new one.
 */
export type Validity =
  | { readonly kind: 'none' }
  | { readonly kind: 'months'; readonly months: number }
  | {
      readonly kind: 'annual-release';
      readonly releasedOn: { readonly month: number; readonly day: number };
      readonly graceMonths: number;
    };

interface DocumentTypeRule {
  readonly label: string;
  /** Part of a complete file (rule R6); the others are accepted and shown, never demanded. */
  readonly required: boolean;
  readonly validity: Validity;
}

export interface DocumentRules {
  readonly types: Readonly<Record<DocumentType, DocumentTypeRule>>;
  readonly upload: {
    readonly contentTypes: readonly string[];
    readonly maxSizeBytes: number;
    /** Lifetime of a presigned upload URL. */
    readonly urlExpirySeconds: number;
    /** An upload never made is forgotten (table TTL) this long after it was requested. */
    readonly abandonedAfterSeconds: number;
    /** Uploads of one type awaited at once; another request is refused until one arrives or is forgotten. */
    readonly maxPendingPerType: number;
  };
  /** Calendar in which "today" and expiry days are read. */
  readonly timeZone: string;
}

const threeMonths: Validity = { kind: 'months', months: 3 };

export const documentRules: DocumentRules = {
  types: {
    identity: { label: 'Pièce d’identité', required: true, validity: { kind: 'none' } },
    // The notice of year N-1's income is published in the summer of year N (from August);
    // the one in hand counts until the next publication plus two months to upload the new one.
    'tax-notice': {
      label: 'Dernier avis d’imposition',
      required: true,
      validity: { kind: 'annual-release', releasedOn: { month: 8, day: 1 }, graceMonths: 2 },
    },
    'payslip-1': { label: 'Bulletin de salaire (le plus récent)', required: true, validity: threeMonths },
    'payslip-2': { label: 'Bulletin de salaire (mois précédent)', required: true, validity: threeMonths },
    'payslip-3': { label: 'Bulletin de salaire (deux mois avant)', required: true, validity: threeMonths },
    'employer-attestation': { label: 'Attestation de l’employeur', required: true, validity: threeMonths },
    // The NUD itself must be renewed every 12 months (rule R4); so must its certificate.
    'nud-certificate': {
      label: 'Attestation d’enregistrement de la demande (NUD)',
      required: true,
      validity: { kind: 'months', months: 12 },
    },
    'proof-of-address': { label: 'Justificatif de domicile', required: false, validity: threeMonths },
    'rent-receipts': { label: 'Quittances de loyer', required: false, validity: threeMonths },
    'family-record': { label: 'Livret de famille', required: false, validity: { kind: 'none' } },
    'disability-card': { label: 'Carte mobilité inclusion / justificatif de handicap', required: false, validity: { kind: 'none' } },
    'residence-permit': { label: 'Titre de séjour', required: false, validity: { kind: 'none' } },
    // Proofs of the priority criteria declared in "Ma situation" (the robot counts a criterion only with its proof).
    'mobility-proof': {
      label: 'Justificatif de mobilité professionnelle (mutation, promesse d’embauche loin du domicile)',
      required: false,
      validity: { kind: 'none' },
    },
    'temporary-accommodation-proof': {
      label: 'Attestation d’hébergement temporaire (hébergeur, structure d’hébergement)',
      required: false,
      validity: threeMonths,
    },
    'domestic-violence-proof': {
      label: 'Justificatif de violences conjugales (ordonnance de protection, récépissé de plainte)',
      required: false,
      validity: { kind: 'none' },
    },
    'first-job-proof': {
      label: 'Justificatif de premier emploi (attestation de l’employeur)',
      required: false,
      validity: { kind: 'none' },
    },
  },
  upload: {
    contentTypes: ['application/pdf', 'image/jpeg', 'image/png'],
    maxSizeBytes: 10 * 1024 * 1024,
    urlExpirySeconds: 15 * 60,
    abandonedAfterSeconds: 24 * 60 * 60,
    maxPendingPerType: 3,
  },
  timeZone,
};

export const requiredDocumentTypes = (rules: DocumentRules): DocumentType[] => documentTypes.filter((type) => rules.types[type].required);

const pad = (value: number) => String(value).padStart(2, '0');
const formatDay = (year: number, month: number, day: number) => `${year}-${pad(month)}-${pad(day)}`;

/**
 * The first day on which a document received on `receivedDay` no longer counts, or undefined
 * when it never expires. A document counts while today is before this day.
 */
export function expiryDay(validity: Validity, receivedDay: string): string | undefined {
  switch (validity.kind) {
    case 'none':
      return undefined;
    case 'months':
      return addMonths(receivedDay, validity.months);
    case 'annual-release': {
      const year = Number(receivedDay.slice(0, 4));
      const { month, day } = validity.releasedOn;
      const releaseThisYear = formatDay(year, month, day);
      // The next release strictly after receipt: a notice received on release day is the new one.
      const nextRelease = receivedDay < releaseThisYear ? releaseThisYear : formatDay(year + 1, month, day);
      return addMonths(nextRelease, validity.graceMonths);
    }
  }
}
